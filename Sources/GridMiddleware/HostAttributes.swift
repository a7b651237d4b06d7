/// One value a host publishes: a string (`ARCH`) or an integer (`CPU_MHZ`).
public enum HostValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}

/// The variables of one host that REQUIREMENTS and RANK read, by name.
///
/// The names of GridWay's information model have a fixed kind (`stringVariables`,
/// `integerVariables`); any other name is a *generic* value the host publishes, read as a
/// string or, when it is a decimal number, as an integer.
public struct HostAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// What an expression may do with a variable.
    public enum Kind: Sendable, Hashable {
        case string
        case integer
        /// Not in GridWay's model: host-published; string or integer as used.
        case generic
    }

    /// GridWay's string variables.
    public static let stringVariables: Set<String> = [
        "HOSTNAME", "ARCH", "OS_NAME", "OS_VERSION", "CPU_MODEL", "FORK_NAME", "LRMS_NAME", "LRMS_TYPE",
        "QUEUE_NAME", "QUEUE_STATUS", "QUEUE_DISPATCHTYPE", "QUEUE_PRIORITY",
    ]
    /// GridWay's integer variables.
    public static let integerVariables: Set<String> = [
        "CPU_MHZ", "CPU_FREE", "CPU_SMP", "NODECOUNT", "SIZE_MEM_MB", "FREE_MEM_MB", "SIZE_DISK_MB",
        "FREE_DISK_MB", "QUEUE_NODECOUNT", "QUEUE_FREENODECOUNT", "QUEUE_MAXTIME", "QUEUE_MAXCPUTIME",
        "QUEUE_MAXCOUNT", "QUEUE_MAXRUNNINGJOBS", "QUEUE_MAXJOBSINQUEUE",
    ]

    /// The kind of a variable name (case-sensitive, as in GridWay).
    public static func kind(of name: String) -> Kind {
        if stringVariables.contains(name) { return .string }
        if integerVariables.contains(name) { return .integer }
        return .generic
    }

    public var values: [String: HostValue]

    public init(_ values: [String: HostValue] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, HostValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> HostValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The value as an integer: an integer value, or a string that is a decimal number.
    public func integer(_ name: String) -> Int? {
        switch values[name] {
        case .integer(let value): return value
        case .string(let text): return Int(text.trimmingBlanks())
        case nil: return nil
        }
    }

    /// The value as a string: a string value, or an integer in decimal.
    public func string(_ name: String) -> String? {
        switch values[name] {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case nil: return nil
        }
    }
}
