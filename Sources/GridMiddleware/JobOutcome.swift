/// How a job ended, for its dependants and for gwwait.
public enum JobOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The program ran; its exit code (non-zero is still done).
    case done(exitCode: Int)
    case failed(reason: String)
    case killed

    /// `done with exit code 3`, `failed: <reason>`, `was killed`: used in dependants' reasons.
    public var description: String {
        switch self {
        case .done(let code): return "done with exit code \(code)"
        case .failed(let reason): return "failed: \(reason)"
        case .killed: return "was killed"
        }
    }
}
