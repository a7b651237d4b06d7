import Foundation

/// Runs a step's script where the step says: on a lab node through its guest agent, or on
/// the host. The checker owns the script; the runner only carries it there and back.
public protocol StepRunner {
    /// Runs `script` with `sh -l -c` on `node` (the lab's domain name) as `user` (nil: root)
    /// and returns its exit status and standard output (standard error is joined to it).
    func runOnNode(_ node: String, user: String?, script: String, input: String?, timeout: Double) throws -> (status: Int32, output: String)

    /// Runs `script` with `sh -c` on the machine running vgrid.
    func runOnHost(script: String, input: String?, environment: [String: String], timeout: Double) throws -> (status: Int32, output: String)
}

extension StepRunner {
    /// Host steps run as a local process, in the current directory.
    public func runOnHost(script: String, input: String?, environment: [String: String], timeout: Double) throws -> (status: Int32, output: String) {
        try LocalShell.run(script: script, input: input, environment: environment, timeout: timeout)
    }
}

/// `sh -c SCRIPT` on this machine.
public enum LocalShell {
    public static func run(script: String, input: String?, environment: [String: String], timeout: Double) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-tutorial-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile) }
        let output = try FileHandle(forWritingTo: outFile)
        process.standardOutput = output
        process.standardError = output
        let inPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            // A step that exits without reading its input must not kill vgrid with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            try? inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw TutorialError(.run, path: "", "host command did not finish in \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try? output.close()
        let text = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }
}
