import Foundation

/// Runs a host program (genisoimage, qemu-img, virsh) and captures its output.
enum Command {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ProvisioningError(.io, "cannot run \(program): \(error.localizedDescription)",
                                    hint: "run scripts/install-deps.sh to install the host tools")
        }
        // Drain stderr on another thread while reading stdout, so a chatty program cannot
        // fill one pipe and block forever. A thread of its own: GCD's global queue may have
        // no free thread for a second when the caller is one of its blocked workers.
        nonisolated(unsafe) var stderrData = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 127 {
            throw ProvisioningError(.io, "\(program) is not installed",
                                    hint: "run scripts/install-deps.sh to install the host tools")
        }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
