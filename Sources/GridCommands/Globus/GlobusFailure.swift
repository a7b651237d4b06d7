import Foundation
import GridCA
import GridGatekeeper
import GridTools
import GridWire

/// How the Globus job and transfer commands report a failure: `FAILED: <reason>` and a hint line on stderr.
enum GlobusFailure {
    static func render(_ error: any Error, summary: String? = nil) -> String {
        switch error {
        case let error as GridToolsError:
            return error.renderedAsFailure()
        case let error as WireError:
            var lines = ["FAILED: " + (summary.map { "\($0): " } ?? "") + error.message]
            if let location = error.location, !error.message.contains(location) { lines[0] += " (\(location))" }
            lines.append("hint: " + error.hint)
            return lines.joined(separator: "\n") + "\n"
        case let error as GatekeeperError:
            let cause = error.underlying.map { "        \(($0 as? GridCAError)?.message ?? "\($0)")\n" } ?? ""
            return "FAILED: \(summary.map { "\($0): " } ?? "")\(error.message)\n\(cause)hint: \(error.hint)\n"
        case let error as UsageError:
            return "FAILED: \(error)\nhint: run with -help for the syntax\n"
        default:
            return "FAILED: \(summary ?? "the command failed"): \(error)\nhint: see the message above\n"
        }
    }

    /// The host-to-address map of a test environment variable: `host=addr,host2=addr2`, or one address for every host.
    static func addresses(_ text: String?) -> @Sendable (String) -> String? {
        guard let text, !text.isEmpty else { return { _ in nil } }
        guard text.contains("=") else { return { _ in text } }
        var pairs: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { pairs[parts[0].lowercased()] = parts[1] }
        }
        let map = pairs
        return { map[$0.lowercased()] }
    }
}
