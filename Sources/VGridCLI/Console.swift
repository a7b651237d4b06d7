import ArgumentParser
import Foundation
import Provisioning

struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attach to a node's serial console (leave with Ctrl-]).")

    @Argument(help: "The node, as `vgrid status` names it (e.g. intro-head).")
    var node: String

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let domain = try reportingFailures { try resolveNode(try LabHost(uri: connection.uri), node) }
        // virsh already does the terminal handling (raw mode, escape key) that users know.
        let arguments = ["virsh", "--connect", connection.uri, "console", domain]
        let argv = arguments.map { strdup($0) } + [nil]
        execvp("virsh", argv)
        printError("error: cannot run virsh: \(String(cString: strerror(errno)))\n  hint: apt-get install libvirt-clients")
        throw ExitCode(69)
    }
}
