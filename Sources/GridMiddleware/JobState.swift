import Foundation

/// Dispatch-manager states, as gwps's DM column shows them.
public enum JobState: String, CaseIterable, Sendable, Hashable, Codable {
    /// Not yet submitted (GridWay's INIT).
    case initial = "----"
    case pending = "pend"
    case hold = "hold"
    /// Staging in: remote directory, executable and inputs.
    case prolog = "prol"
    /// The wrapper runs the program on the host.
    case wrapper = "wrap"
    /// Staging out: outputs and streams back, remote directory removed (also the clean-up after kill or stop).
    case epilog = "epil"
    /// Leaving a host to be scheduled again (gwkill -r).
    case migrating = "migr"
    case stopped = "stop"
    /// Cancelling the wrapper on its host (kill or stop of a running job).
    case cancelling = "canl"
    /// Finished, with the program's exit code (which may be non-zero).
    case done = "done"
    /// Given up: infrastructure failures beyond the retries, or a failed dependency.
    case failed = "fail"

    /// The DM column text.
    public var column: String { rawValue }

    /// The word written to `job.state` lines.
    public var logName: String {
        switch self {
        case .initial: return "INIT"
        case .pending: return "PENDING"
        case .hold: return "HOLD"
        case .prolog: return "PROLOG"
        case .wrapper: return "WRAPPER"
        case .epilog: return "EPILOG"
        case .migrating: return "MIGRATE"
        case .stopped: return "STOPPED"
        case .cancelling: return "CANCEL"
        case .done: return "DONE"
        case .failed: return "FAILED"
        }
    }

    /// The gwps `-s` letter of the state alone (`JobLifecycle.stateLetter` also knows kills and stops under way).
    public var letter: Character {
        switch self {
        case .initial, .pending: return "i"
        case .hold: return "h"
        case .prolog: return "p"
        case .wrapper: return "w"
        case .epilog: return "e"
        case .migrating: return "m"
        case .stopped, .cancelling: return "s"
        case .done: return "z"
        case .failed: return "f"
        }
    }

    /// A `job.state` line: `<unix time> <STATE>`.
    public func logLine(at time: Date) -> String { "\(Int(time.timeIntervalSince1970)) \(logName)" }

    /// True for `done` and `fail`: nothing more happens until the job is freed.
    public var isFinal: Bool { self == .done || self == .failed }
}

/// Execution-manager states, as gwps's EM column shows them while the wrapper is on a host.
public enum ExecutionState: String, CaseIterable, Sendable, Hashable, Codable {
    case none = "----"
    case pending = "pend"
    case suspended = "susp"
    case active = "actv"
    case done = "done"
    case failed = "fail"
}

/// gwps `-s` letters: i pend, h hold, p prolog, w wrapper, e epilog, s stopped, k killed,
/// m migrating, z done, f failed.
public enum StateLetter {
    public static let all: [Character] = ["i", "h", "p", "w", "e", "s", "k", "m", "z", "f"]

    /// Throws `.invalidValue` for a letter that is not a state.
    public static func check(_ letter: Character) throws {
        guard all.contains(letter) else {
            throw MiddlewareError(.invalidValue, "'\(letter)' is not a job state letter",
                                  hint: "use one of i h p w e s k m z f (pend hold prolog wrapper epilog stopped killed migrating done failed)")
        }
    }
}
