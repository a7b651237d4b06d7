import Foundation
import GridCommands
import GridTools

// A multi-call binary: `gwsubmit ...` through a link, or `vgrid-guest gwsubmit ...`.
exit(GuestMultiCall.main(CommandLine.arguments, context: .system(), commands: GuestCommands.all))
