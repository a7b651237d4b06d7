import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwwait`: waits until jobs end (all, or with -a any one), then frees them unless -k.
public struct GwWait: GridCommand {
    public static let name = "gwwait"
    public static let synopsis = "[-h] [-a] [-v] [-k] [-t timeout] jid... | -A aid"
    public static let summary = "Waits for jobs to end and frees them; exits non-zero when a job failed or the wait timed out."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("a", help: "Returns when any one of the jobs ends"),
        OptionSpec("v", help: "Prints each job's exit code (jid : code)"),
        OptionSpec("k", help: "Keeps the jobs in the pool (by default gwwait frees them)"),
        OptionSpec("t", .value, placeholder: "timeout", help: "Gives up after this many seconds"),
        OptionSpec("A", .value, placeholder: "aid", help: "Waits for every job of this array"),
    ]

    var jobs: JobSelection
    var request: WaitRequest
    var verbose: Bool

    public init(options: ParsedOptions) throws {
        jobs = try JobSelection(options, command: Self.name)
        request = WaitRequest(ids: [], any: options.has("a"), timeoutSeconds: try GridWayArguments.integer(options, "t", in: 0...Int.max),
                              keep: options.has("k"))
        verbose = options.has("v")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        var request = request
        request.ids = try jobs.resolve(with: session)
        let sending = request
        let result = try session.call { try await $0.wait(sending) }
        let ended = result.jobs.filter { JobState(rawValue: $0.state)?.isFinal == true }
        if verbose {
            context.standardOutput(ended.map { "\($0.id) : \($0.state == JobState.done.rawValue ? String($0.exitCode ?? 0) : "--")\n" }.joined())
        }
        var status: Int32 = 0
        for job in ended where job.state == JobState.failed.rawValue {
            context.standardError(GridToolsError("job \(job.id) failed", hint: "gwps -f \(job.id) shows the reason; gwhistory \(job.id) the hosts it tried").renderedAsFailure())
            status = 1
        }
        if result.timedOut {
            let waiting = result.jobs.filter { JobState(rawValue: $0.state)?.isFinal != true }.map { String($0.id) }
            context.standardError(GridToolsError(
                "timed out after \(request.timeoutSeconds ?? 0) s" + (waiting.isEmpty ? "" : " waiting for job\(waiting.count == 1 ? "" : "s") \(waiting.joined(separator: " "))"),
                hint: "gwps shows where they are; wait longer with -t, or without it").renderedAsFailure())
            status = 1
        }
        return status
    }
}
