import Foundation
import GridExec
import GridMiddleware
import GridWire

/// A `gsiftp://host[:port]/path` URL (vgrid's transfer service).
struct GsiftpURL: Sendable, Hashable {
    var host: String
    var port: Int
    var path: String

    init(host: String, port: Int = WireProtocol.transferPort, path: String) {
        self.host = host
        self.port = port
        self.path = path
    }

    init?(_ text: String) {
        guard text.hasPrefix("gsiftp://") else { return nil }
        let rest = text.dropFirst("gsiftp://".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let authority = rest[..<slash]
        path = String(rest[slash...])
        let parts = authority.split(separator: ":", maxSplits: 1)
        guard let name = parts.first, !name.isEmpty else { return nil }
        host = String(name)
        port = parts.count == 2 ? Int(parts[1]) ?? WireProtocol.transferPort : WireProtocol.transferPort
    }
}

/// Which files of a template gwd stages in, and where the headnode side of each file is.
enum StagedInputs {
    struct Input: Sendable, Hashable {
        /// The template's text for the file (the `StageIn` path and the gatekeeper's key).
        var key: String
        var executable: Bool
    }

    /// A relative EXECUTABLE, STDIN_FILE and INPUT_FILES sources; absolute paths stay on the host.
    static func keys(of template: JobTemplate) -> [Input] {
        var inputs: [Input] = []
        func add(_ text: String, executable: Bool) {
            guard let location = try? FileLocation(parsing: text), location.isStaged else { return }
            if !inputs.contains(where: { $0.key == text }) { inputs.append(Input(key: text, executable: executable)) }
        }
        if let executable = template.executable { add(executable, executable: true) }
        if template.stdinFile != "/dev/null" { add(template.stdinFile, executable: false) }
        for file in template.inputFiles { add(file.source, executable: false) }
        return inputs
    }

    /// Reads an input on the headnode as the job's owner (never as root).
    static func read(_ key: String, workingDirectory: String?, user: LocalUser,
                     fetch: (GsiftpURL) async throws -> Data) async throws -> Data {
        if let url = GsiftpURL(key) { return try await fetch(url) }
        return try UserFileAccess.read(try localPath(key, workingDirectory: workingDirectory), as: user)
    }

    /// Writes an output on the headnode as the job's owner.
    static func writeOutput(_ data: Data, to destination: String, workingDirectory: String?, user: LocalUser,
                            send: (GsiftpURL, Data) async throws -> Void) async throws {
        if destination == "/dev/null" { return }
        if let url = GsiftpURL(destination) { return try await send(url, data) }
        try UserFileAccess.write(data, to: try localPath(destination, workingDirectory: workingDirectory), as: user)
    }

    /// `file:///abs` and `/abs` as they are; a relative name from the submission's directory.
    static func localPath(_ text: String, workingDirectory: String?) throws -> String {
        if text.hasPrefix("file://") { return String(text.dropFirst("file://".count)) }
        if text.hasPrefix("/") { return text }
        guard let directory = workingDirectory else {
            throw Refusal.make("noDirectory", "'\(text)' is relative and the job has no submission directory",
                               hint: "use an absolute path or file:// URL")
        }
        return directory + "/" + text
    }
}
