extension SchedulerConfig {
    /// Plain keys of `sched.conf`.
    public static let keys = [
        "DISABLE", "DISPATCH_CHUNK", "MAX_DISPATCH_RESOURCE", "MAX_RUNNING_USER", "FP_WEIGHT", "SH_WEIGHT",
        "SH_WINDOW_DEPTH", "SH_WINDOW_SIZE", "WT_WEIGHT", "DL_WEIGHT", "DL_HALF", "RP_WEIGHT", "RA_WEIGHT",
        "UG_WEIGHT", "UG_HISTORY_WINDOW", "UG_HISTORY_RATIO", "FR_MAX_BANNED", "FR_BANNED_C",
    ]
    /// Keys written `KEY[name]`; `DEFAULT` (or `*`) as the name sets the default.
    public static let indexedKeys = ["FP_USER", "FP_GROUP", "SH_USER", "RP_HOST", "RP_IM"]
    static var allKeys: [String] { keys + indexedKeys }

    /// Parses `sched.conf` over the defaults; throws the first problem with its line.
    public static func parse(_ text: String, file: String = "sched.conf") throws -> SchedulerConfig {
        try parseReporting(text, file: file).config
    }

    /// `parse`, also returning warnings (FP_GROUP is ignored: vgrid has no groups; keys set twice).
    public static func parseReporting(_ text: String, file: String = "sched.conf") throws
        -> (config: SchedulerConfig, warnings: [MiddlewareWarning]) {
        var config = SchedulerConfig()
        var warnings: [MiddlewareWarning] = []
        for entry in try ConfigValues.entries(text, file: file, warnings: &warnings) {
            if indexedKeys.contains(entry.key) {
                guard let index = entry.index else {
                    throw MiddlewareError(.missingValue, "\(entry.key) needs a name in brackets",
                                          hint: "write \(entry.key)[name] = value, or \(entry.key)[DEFAULT] = value",
                                          at: entry.location)
                }
                if entry.key == "FP_GROUP" {
                    warnings.append(MiddlewareWarning("FP_GROUP is ignored: vgrid has no user groups", at: entry.location))
                    continue
                }
                guard !entry.value.isEmpty else { throw TemplateValues.invalid(entry, "needs a value") }
                try config.applyIndexed(entry, name: index == "*" || index == "DEFAULT" ? nil : index)
                continue
            }
            guard keys.contains(entry.key) else {
                throw ConfigValues.unknownKey(entry, known: allKeys, conf: "sched.conf", other: DaemonConfig.keys, otherConf: "gwd.conf")
            }
            try ConfigValues.rejectIndex(entry)
            if entry.value.isEmpty { continue }
            try config.apply(entry)
        }
        return (config, warnings)
    }

    /// `name` nil sets the DEFAULT entry.
    mutating func applyIndexed(_ entry: KeyValueEntry, name: String?) throws {
        switch entry.key {
        case "FP_USER":
            let value = try TemplateValues.integer(entry, in: 0...19)
            if let name { userPriorities[name] = value } else { defaultUserPriority = value }
        case "SH_USER":
            let value = try TemplateValues.integer(entry, in: 0...100_000)
            if let name { userShares[name] = value } else { defaultUserShare = value }
        case "RP_HOST":
            let value = try TemplateValues.integer(entry, in: 0...99)
            if let name { hostPriorities[name] = value } else { defaultHostPriority = value }
        default:
            let value = try TemplateValues.integer(entry, in: 0...99)
            if let name { driverPriorities[name] = value } else { defaultHostPriority = value }
        }
    }

    mutating func apply(_ entry: KeyValueEntry) throws {
        let count = 0...10_000
        switch entry.key {
        case "DISABLE": disabled = try TemplateValues.yesNo(entry)
        case "DISPATCH_CHUNK": dispatchChunk = try TemplateValues.integer(entry, in: count)
        case "MAX_DISPATCH_RESOURCE": maxDispatchResource = try TemplateValues.integer(entry, in: count)
        case "MAX_RUNNING_USER": maxRunningUser = try TemplateValues.integer(entry, in: count)
        case "FP_WEIGHT": fixedPriorityWeight = try ConfigValues.weight(entry)
        case "SH_WEIGHT": shareWeight = try ConfigValues.weight(entry)
        case "SH_WINDOW_DEPTH": shareWindowDepth = try TemplateValues.integer(entry, in: 1...10)
        case "SH_WINDOW_SIZE": shareWindowSize = try ConfigValues.weight(entry)
        case "WT_WEIGHT": waitingTimeWeight = try ConfigValues.weight(entry)
        case "DL_WEIGHT": deadlineWeight = try ConfigValues.weight(entry)
        case "DL_HALF": deadlineHalf = try ConfigValues.weight(entry)
        case "RP_WEIGHT": resourcePriorityWeight = try ConfigValues.weight(entry)
        case "RA_WEIGHT": rankWeight = try ConfigValues.weight(entry)
        case "UG_WEIGHT": usageWeight = try ConfigValues.weight(entry)
        case "UG_HISTORY_WINDOW": usageHistoryWindow = try ConfigValues.weight(entry)
        case "UG_HISTORY_RATIO":
            usageHistoryRatio = try ConfigValues.weight(entry)
            guard usageHistoryRatio <= 1 else { throw TemplateValues.invalid(entry, "\(entry.value) is out of range", hint: "use a value from 0 to 1") }
        case "FR_MAX_BANNED": failureMaxBanned = try TemplateValues.integer(entry, in: 0...86400)
        default: failureBannedC = try ConfigValues.weight(entry)
        }
    }
}
