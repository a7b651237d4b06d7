/// A driver line of `gwd.conf` (`IM_MAD`, `EM_MAD`, `TM_MAD`, `DM_SCHED`):
/// colon-separated fields, `name:executable:[args]:...`.
public struct DriverSpec: Sendable, Hashable, CustomStringConvertible {
    /// The line's value as written.
    public var raw: String
    public var fields: [String]

    public init(_ raw: String) {
        self.raw = raw
        self.fields = raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }

    /// The first field: the name used in logs and by other driver lines.
    public var name: String { fields.first ?? "" }
    /// The second field, when there is one.
    public var executable: String? { fields.count > 1 ? fields[1] : nil }
    public var description: String { raw }
}

/// `gwd.conf`, the daemon's settings, with GridWay's shipped defaults.
public struct DaemonConfig: Sendable, Hashable {
    public var gwdPort = 6725
    public var maxNumberOfClients = 25
    /// Seconds between scheduling passes when no event asks for one (vgrid also schedules on events).
    public var schedulingInterval = 15
    public var discoveryInterval = 300
    public var monitoringInterval = 180
    public var pollInterval = 300
    public var informationDrivers: [DriverSpec] = []
    public var executionDrivers: [DriverSpec] = []
    public var transferDrivers: [DriverSpec] = []
    public var scheduler = DriverSpec("builtin:gw_sched:")

    public init() {}

    /// The keys `gwd.conf` may set.
    public static let keys = ["GWD_PORT", "MAX_NUMBER_OF_CLIENTS", "SCHEDULING_INTERVAL", "DISCOVERY_INTERVAL",
                              "MONITORING_INTERVAL", "POLL_INTERVAL", "IM_MAD", "EM_MAD", "TM_MAD", "DM_SCHED"]
    /// GridWay keys read and ignored, with a warning: vgrid has no fixed-size pools
    /// (which is why its job ids are never reused).
    public static let ignoredGridWayKeys = ["NUMBER_OF_ARRAYS", "NUMBER_OF_JOBS", "NUMBER_OF_HOSTS",
                                            "NUMBER_OF_USERS", "MAX_ACTIVE_IM_QUERIES"]

    /// Parses `gwd.conf` over the defaults; throws the first problem with its line.
    public static func parse(_ text: String, file: String = "gwd.conf") throws -> DaemonConfig {
        try parseReporting(text, file: file).config
    }

    /// `parse`, also returning warnings (ignored GridWay keys, keys set twice).
    public static func parseReporting(_ text: String, file: String = "gwd.conf") throws
        -> (config: DaemonConfig, warnings: [MiddlewareWarning]) {
        var config = DaemonConfig()
        var warnings: [MiddlewareWarning] = []
        for entry in try ConfigValues.entries(text, file: file, warnings: &warnings) {
            if ignoredGridWayKeys.contains(entry.key) {
                warnings.append(MiddlewareWarning("\(entry.key) is a GridWay key that vgrid ignores", at: entry.location))
                continue
            }
            guard keys.contains(entry.key) else {
                throw ConfigValues.unknownKey(entry, known: keys, conf: "gwd.conf", other: SchedulerConfig.allKeys, otherConf: "sched.conf")
            }
            try ConfigValues.rejectIndex(entry)
            if entry.value.isEmpty { continue }
            try config.apply(entry)
        }
        return (config, warnings)
    }

    mutating func apply(_ entry: KeyValueEntry) throws {
        let interval = 1...86400
        switch entry.key {
        case "GWD_PORT": gwdPort = try TemplateValues.integer(entry, in: 1...65535)
        case "MAX_NUMBER_OF_CLIENTS": maxNumberOfClients = try TemplateValues.integer(entry, in: 1...1000)
        case "SCHEDULING_INTERVAL": schedulingInterval = try TemplateValues.integer(entry, in: interval)
        case "DISCOVERY_INTERVAL": discoveryInterval = try TemplateValues.integer(entry, in: interval)
        case "MONITORING_INTERVAL": monitoringInterval = try TemplateValues.integer(entry, in: interval)
        case "POLL_INTERVAL": pollInterval = try TemplateValues.integer(entry, in: interval)
        case "IM_MAD": informationDrivers.append(try ConfigValues.driver(entry))
        case "EM_MAD": executionDrivers.append(try ConfigValues.driver(entry))
        case "TM_MAD": transferDrivers.append(try ConfigValues.driver(entry))
        default: scheduler = try ConfigValues.driver(entry)
        }
    }
}
