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
    /// With `done`: the files the gatekeeper kept in the attempt's outbox, fetched with `StageOut` (path = name).
    public var outputs: [StagedOutput]
    public var time: Date
    /// With `fail`: the job itself is at fault (a file it did not write, a path it may not use),
    /// not the host, so gwd does not count the failure against the host.
    public var jobFault: Bool?

    public init(job: JobAttempt, host: String, state: String, exitCode: Int? = nil, message: String? = nil,
                outputs: [StagedOutput] = [], time: Date = Date(), jobFault: Bool? = nil) {
        self.jobFault = jobFault
        self.job = job
        self.host = host
        self.state = state
        self.exitCode = exitCode
        self.message = message
        self.outputs = outputs
        self.time = time
    }
}

/// One file a finished job left in the gatekeeper's outbox (its stdout, stderr, or an OUTPUT_FILES entry).
public struct StagedOutput: Codable, Sendable, Hashable {
    /// The key to fetch it with (`StageOut` path): the file's name in the job's directory.
    public var name: String
    /// Where it goes on the headnode: the OUTPUT_FILES destination or the STDOUT_FILE / STDERR_FILE value as
    /// written, relative to the template's directory.
    public var destination: String
    /// `stdout`, `stderr` or `output`.
    public var kind: String
    public var size: Int64

    public init(name: String, destination: String, kind: String, size: Int64) {
        self.name = name
        self.destination = destination
        self.kind = kind
        self.size = size
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
