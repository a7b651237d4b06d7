import Foundation
import Testing

/// Runs the built `vgrid` binary against the real libvirtd that `make test` started in its
/// network namespace (scripts/lab-host.sh), with the guest image from `make images`.
enum Harness {
    static let enabled = ProcessInfo.processInfo.environment["VGRID_INTEGRATION"] == "1"

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["VGRID_BIN"], !path.isEmpty { return path }
        return repoRoot.appendingPathComponent(".build/debug/vgrid").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs vgrid with the given arguments, from the repository root.
    @discardableResult
    static func vgrid(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 600,
                      directory: URL? = nil) throws -> Result {
        try run(binary, arguments, environment: environment, timeout: timeout, directory: directory)
    }

    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                    timeout: Double = 600, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repoRoot
        var env = ProcessInfo.processInfo.environment
        env["VGRID_IMAGE_DIR"] = env["VGRID_IMAGE_DIR"] ?? repoRoot.appendingPathComponent("images/build").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-it-\(UUID().uuidString).out")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-it-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                Issue.record("\(program) \(arguments.joined(separator: " ")) timed out after \(Int(timeout)) s")
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    /// A copy of a shipped lab file under another lab name (so tests never touch a user's
    /// own labs), with optional text substitutions.
    static func labCopy(_ shipped: String, name: String, replacing: [(String, String)] = []) throws -> String {
        var text = try String(contentsOf: repoRoot.appendingPathComponent(shipped), encoding: .utf8)
        let original = text.split(separator: "\n").first { $0.hasPrefix("lab:") }!
        text = text.replacingOccurrences(of: String(original), with: "lab: \(name)")
        for (from, to) in replacing {
            #expect(text.contains(from), "\(shipped) no longer contains '\(from)'")
            text = text.replacingOccurrences(of: from, with: to)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-it-labs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8)).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func virsh(_ arguments: [String]) throws -> [String] {
        let result = try run("/usr/bin/virsh", ["--connect", "qemu:///system"] + arguments)
        return result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every libvirt object and local file whose name says it belongs to `instance`.
    static func leftovers(instance: String) throws -> [String] {
        var found: [String] = []
        found += try virsh(["list", "--all", "--name"]).filter { $0.hasPrefix(instance + "-") }.map { "domain \($0)" }
        found += try virsh(["net-list", "--all", "--name"]).filter { $0.hasPrefix(instance + "-") }.map { "network \($0)" }
        found += try virsh(["vol-list", "vgrid"]).compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix(instance + "_") }.map { "volume \($0)" }
        if FileManager.default.fileExists(atPath: "/var/lib/vgrid/labs/\(instance)") { found.append("state /var/lib/vgrid/labs/\(instance)") }
        return found
    }

    struct Node: Decodable {
        var name: String
        var domain: String
        var instance: String
        var role: String
        var state: String
        var ready: Bool
        var internalAddress: String?
        var externalAddress: String?
        var memoryMiB: Int?
    }

    static func status(_ lab: String) throws -> [Node] {
        let result = try vgrid(["status", lab, "--nodes", "--json"])
        #expect(result.status == 0, "status failed: \(result.stderr)")
        return try JSONDecoder().decode([Node].self, from: Data(result.stdout.utf8))
    }

    struct UpSummary: Decodable {
        struct Action: Decodable { var kind: String; var object: String; var name: String }
        var actions: [Action]
        var accelerator: String
        var readySeconds: Double?
    }

    static func up(_ lab: String, extra: [String] = []) throws -> UpSummary {
        let result = try vgrid(["up", lab, "--json"] + extra)
        try #require(result.status == 0, "up \(lab) failed (\(result.status)): \(result.stderr)")
        return try JSONDecoder().decode(UpSummary.self, from: Data(result.stdout.utf8))
    }
}
