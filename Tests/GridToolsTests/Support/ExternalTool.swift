import Foundation
import Testing

/// Runs real, independent tools (openssl, the Debian Globus tools, the built vgrid-guest) as peers for the tests.
enum ExternalTool {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    static let globusInstallHint = "install the Globus tools: apt-get install -y globus-proxy-utils globus-gsi-cert-utils-progs"

    /// The absolute path of `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Like `find`, but records a test failure saying how to install the tool when it is missing.
    static func require(_ name: String, hint: String = globusInstallHint, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        guard let path = find(name) else {
            Issue.record("\(name) is not on PATH; \(hint)", sourceLocation: sourceLocation)
            return nil
        }
        return path
    }

    /// The built `vgrid-guest` beside the test bundle (swift test builds it with the package).
    static func requireGuestBinary(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("vgrid-guest").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        Issue.record("vgrid-guest was not found next to \(bundle.path); build it: swift build --product vgrid-guest", sourceLocation: sourceLocation)
        return nil
    }

    /// Runs a tool to completion; `environment` replaces the test's environment when `inherit` is false.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], inherit: Bool = true, stdin: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : (find(executable) ?? executable))
        process.arguments = arguments
        process.environment = inherit ? ProcessInfo.processInfo.environment.merging(environment) { $1 } : environment
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // A tool that exits without reading its input (it refused the key first) must not
        // kill the test run with SIGPIPE: ignore it, and let the write fail quietly.
        signal(SIGPIPE, SIG_IGN)
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    static func openssl(_ arguments: [String]) throws -> Result {
        try run("openssl", arguments)
    }
}
