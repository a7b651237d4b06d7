import Foundation

extension Process {
    /// Runs a host tool (qemu-img) to completion; stdout is dropped, stderr returned.
    static func runTool(_ program: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            throw BundleError(.io, "cannot run \(program): \(error.localizedDescription)",
                              hint: "run scripts/install-deps.sh to install the host tools")
        }
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }
}
