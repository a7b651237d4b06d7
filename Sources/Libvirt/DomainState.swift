import CLibvirt

/// The run state of a domain (`virDomainState`).
public enum DomainState: Sendable, Equatable, CustomStringConvertible {
    case noState
    case running
    case blocked
    case paused
    case shuttingDown
    case shutoff
    case crashed
    case suspended
    /// A state this wrapper does not know (newer libvirt).
    case other(Int32)

    init(rawValue: Int32) {
        switch UInt32(bitPattern: rawValue) {
        case VIR_DOMAIN_NOSTATE.rawValue: self = .noState
        case VIR_DOMAIN_RUNNING.rawValue: self = .running
        case VIR_DOMAIN_BLOCKED.rawValue: self = .blocked
        case VIR_DOMAIN_PAUSED.rawValue: self = .paused
        case VIR_DOMAIN_SHUTDOWN.rawValue: self = .shuttingDown
        case VIR_DOMAIN_SHUTOFF.rawValue: self = .shutoff
        case VIR_DOMAIN_CRASHED.rawValue: self = .crashed
        case VIR_DOMAIN_PMSUSPENDED.rawValue: self = .suspended
        default: self = .other(rawValue)
        }
    }

    /// The word `virsh domstate` would print.
    public var description: String {
        switch self {
        case .noState: return "no state"
        case .running: return "running"
        case .blocked: return "blocked"
        case .paused: return "paused"
        case .shuttingDown: return "in shutdown"
        case .shutoff: return "shut off"
        case .crashed: return "crashed"
        case .suspended: return "pmsuspended"
        case .other(let value): return "state \(value)"
        }
    }
}
