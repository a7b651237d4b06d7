import Foundation

// gatekeeper -> gwd (host to host: the gatekeeper authenticates with its worker's host certificate).

/// A wrapper changed state on a host: queued, running, suspended, or ended with an exit code.
public struct JobStateReport: WireBody {
    public static let wireType = "jobState"
    public var job: JobAttempt
    /// The reporting host's name.
    public var host: String
    /// ExecutionState raw value: `pend`, `susp`, `actv`, `done`, `fail`.
    public var state: String
    /// The program's exit code, with `done`.
    public var exitCode: Int?
    /// Why, with `fail` (shown by gwps -f).
    public var message: String?
    public var time: Date

    public init(job: JobAttempt, host: String, state: String, exitCode: Int? = nil, message: String? = nil, time: Date = Date()) {
        self.job = job
        self.host = host
        self.state = state
        self.exitCode = exitCode
        self.message = message
        self.time = time
    }
}

/// A host's heartbeat: its attributes (GridWay's information model) and the jobs it runs.
public struct HostReport: WireBody {
    public static let wireType = "hostReport"
    public var host: String
    public var attributes: [String: WireValue]
    /// Job attempts whose wrapper is on the host now (lets gwd notice lost jobs).
    public var running: [JobAttempt]
    public var time: Date

    public init(host: String, attributes: [String: WireValue], running: [JobAttempt] = [], time: Date = Date()) {
        self.host = host
        self.attributes = attributes
        self.running = running
        self.time = time
    }
}
