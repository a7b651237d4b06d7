import GridTools
import GridWire

/// `gwkill`: kills, stops, holds, releases, resumes or reschedules jobs.
public struct GwKill: GridCommand {
    public static let name = "gwkill"
    public static let synopsis = "[-h] [-a] [-k | -t | -o | -s | -r | -l | -9] jid... | -A aid"
    public static let summary = "Sends a signal to jobs: kill (default), stop, hold, resume, reschedule, release, hard kill."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("a", help: "Asynchronous (accepted for GridWay's sake: gwd answers at once anyway)"),
        OptionSpec("k", help: "Kills the jobs (the default): cancels them and frees them"),
        OptionSpec("t", help: "Stops the jobs (resume with -s)"),
        OptionSpec("o", help: "Holds pending jobs (release with -l)"),
        OptionSpec("s", help: "Resumes stopped jobs"),
        OptionSpec("r", help: "Reschedules the jobs to another host"),
        OptionSpec("l", help: "Releases held jobs"),
        OptionSpec("9", help: "Kills at once, without waiting for the host to cancel"),
        OptionSpec("A", .value, placeholder: "aid", help: "Every job of this array"),
    ]

    static let signals: [(option: String, signal: JobSignal)] = [
        ("k", .kill), ("t", .stop), ("o", .hold), ("s", .resume), ("r", .reschedule), ("l", .release), ("9", .kill),
    ]

    var jobs: JobSelection
    var signal: JobSignal
    var hard: Bool

    public init(options: ParsedOptions) throws {
        jobs = try JobSelection(options, command: Self.name)
        let given = Self.signals.filter { options.has($0.option) }
        guard given.count <= 1 else {
            throw UsageError(option: "-" + given[1].option, "choose one of -k -t -o -s -r -l -9")
        }
        signal = given.first?.signal ?? .kill
        hard = options.has("9")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        let request = SignalRequest(ids: try jobs.resolve(with: session), signal: signal, hard: hard)
        let result = try session.call { try await $0.signal(request) }
        var status: Int32 = 0
        for outcome in result.outcomes where !outcome.accepted {
            let reason = outcome.message ?? "gwd refused it"
            context.standardError(GridToolsError("cannot \(Self.verb(signal)) job \(outcome.id): \(reason)", hint: Self.hint(signal, job: outcome.id)).renderedAsFailure())
            status = 1
        }
        return status
    }

    static func verb(_ signal: JobSignal) -> String {
        switch signal {
        case .kill: return "kill"
        case .stop: return "stop"
        case .hold: return "hold"
        case .release: return "release"
        case .resume: return "resume"
        case .reschedule: return "reschedule"
        }
    }

    /// Which states allow the signal (GridWay's rules), to point the student at gwps.
    static func hint(_ signal: JobSignal, job: Int) -> String {
        switch signal {
        case .kill: return "gwps \(job) shows its state"
        case .stop: return "only running jobs can be stopped; gwps \(job) shows its state"
        case .hold: return "only pending jobs can be held; gwps \(job) shows its state"
        case .release: return "only held jobs can be released; gwps \(job) shows its state"
        case .resume: return "only stopped jobs can be resumed; gwps \(job) shows its state"
        case .reschedule: return "only running jobs can be rescheduled; gwps \(job) shows its state"
        }
    }
}
