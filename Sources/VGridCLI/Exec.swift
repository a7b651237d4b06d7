import ArgumentParser
import Foundation
import Provisioning

struct Exec: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a command on a node through its guest agent; exits with the command's status.",
        discussion: "Example: vgrid exec intro-head -- hostname. Output is streamed while the command runs; piped standard input is passed to the command.")

    @Argument(help: "The node, as `vgrid status` names it (e.g. intro-head).")
    var node: String

    @Option(name: [.short, .long], help: "Run as this lab user instead of root.")
    var user: String?

    @Option(help: "Give up after this many seconds.")
    var timeout: Double?

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after `--`.")
    var command: [String] = []

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if command.isEmpty { throw ValidationError("give the command after `--`, e.g. vgrid exec \(node) -- hostname") }
    }

    func run() throws {
        let status: Int32 = try reportingFailures {
            let host = try LabHost(uri: connection.uri)
            let agent = try host.agent(domainName: try resolveNode(host, node))
            // Piped input (not a terminal) is handed to the command, e.g. a passphrase for
            // `grid-proxy-init -pwstdin`.
            let input = isatty(STDIN_FILENO) == 1 ? nil : Array(FileHandle.standardInput.readDataToEndOfFile())
            return try agent.runStreaming(command, user: user, input: input, timeoutSeconds: timeout,
                                          stdout: { FileHandle.standardOutput.write(Data($0)) },
                                          stderr: { FileHandle.standardError.write(Data($0)) })
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Accepts a domain name (`intro-head`) or, when it is unambiguous, a node's short name.
func resolveNode(_ host: LabHost, _ name: String) throws -> String {
    let rows = try host.status(labName: nil)
    if rows.contains(where: { $0.domain == name }) { return name }
    let matches = rows.filter { $0.name == name }
    if matches.count == 1 { return matches[0].domain }
    let hint = matches.isEmpty ? "list nodes with: vgrid status" : "several labs have it: use one of \(matches.map(\.domain).joined(separator: ", "))"
    throw ProvisioningError(.nodeNotFound, "no node named '\(name)' on \(host.uri)", hint: hint, subject: name)
}
