import Foundation
import GridTools

// A multi-call binary: `grid-proxy-init ...` through a link, or `vgrid-guest grid-proxy-init ...`.
exit(GuestMultiCall.main(CommandLine.arguments, context: .system()))
