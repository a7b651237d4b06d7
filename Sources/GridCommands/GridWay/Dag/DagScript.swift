import Foundation
import GridMiddleware
import GridTools

/// Runs a DAG's `SCRIPT PRE|POST` locally, as the student, in the DAG file's directory.
///
/// The line's arguments go through `/bin/sh` as written, after DAGMan's macros are replaced:
/// `$JOB` (the job's name), `$JOBID` (gwd's id, once submitted) and `$RETURN` (the exit code, POST only).
struct DagScript {
    var script: DagFile.Script
    var directory: String

    /// The exit status (128 + N when killed by signal N); the script's output goes to standard error,
    /// because standard output is for gwdag's own table.
    func run(job: String, jobID: Int?, exitCode: Int?, context: ToolContext) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", commandLine(job: job, jobID: jobID, exitCode: exitCode)]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GridToolsError("cannot run the script \(script.program) of job \(job)", hint: "check that /bin/sh exists", underlying: error)
        }
        // One pipe for both streams, read to the end before waiting: the script cannot block on a full pipe.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if !data.isEmpty { context.standardError(String(decoding: data, as: UTF8.self)) }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// The shell command: the program (relative to the DAG's directory when it is there) and its arguments.
    func commandLine(job: String, jobID: Int?, exitCode: Int?) -> String {
        var program = script.program
        let local = directory + "/" + program
        if !program.hasPrefix("/"), FileManager.default.fileExists(atPath: local) { program = local }
        var arguments = script.arguments
        // $JOBID before $JOB: one is a prefix of the other.
        arguments = arguments.replacingOccurrences(of: "$JOBID", with: jobID.map(String.init) ?? "-1")
        arguments = arguments.replacingOccurrences(of: "$JOB", with: job)
        arguments = arguments.replacingOccurrences(of: "$RETURN", with: exitCode.map(String.init) ?? "-1")
        return ([Self.quote(program)] + (arguments.isEmpty ? [] : [arguments])).joined(separator: " ")
    }

    /// A word the shell takes literally.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
