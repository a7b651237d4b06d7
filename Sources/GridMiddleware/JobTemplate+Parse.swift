import Suggestions
extension JobTemplate {
    /// Parses a user's template over the site's defaults. NAME defaults to the last
    /// component of `file` (`stdin` for a template read from standard input); EXECUTABLE
    /// is required. Throws the first problem as a `MiddlewareError` naming line and key.
    ///
    /// An unquoted empty value (`RANK =`) leaves the key as the defaults had it; a quoted
    /// empty value (`RANK = ""`) resets it to vgrid's built-in default.
    public static func parse(_ text: String, file: String, defaults: JobTemplate = JobTemplate()) throws -> JobTemplate {
        try parseReporting(text, file: file, defaults: defaults).template
    }

    /// `parse`, also returning the warnings (ignored GridWay keys, keys set twice).
    public static func parseReporting(_ text: String, file: String, defaults: JobTemplate = JobTemplate()) throws
        -> (template: JobTemplate, warnings: [MiddlewareWarning]) {
        var (template, warnings) = try applying(text, file: file, over: defaults)
        if template.name == nil {
            template.name = file.split(separator: "/").last.map(String.init) ?? file
        }
        guard template.executable != nil else {
            throw MiddlewareError(.missingKey, "EXECUTABLE is not set", hint: "add a line such as EXECUTABLE = /bin/ls",
                                  at: TextLocation(file: file))
        }
        return (template, warnings)
    }

    /// Parses a site's `job_template.default`: the same format, nothing required, no NAME default.
    public static func parseDefaults(_ text: String, file: String = "job_template.default") throws -> JobTemplate {
        try parseDefaultsReporting(text, file: file).template
    }

    /// `parseDefaults`, also returning the warnings.
    public static func parseDefaultsReporting(_ text: String, file: String = "job_template.default") throws
        -> (template: JobTemplate, warnings: [MiddlewareWarning]) {
        try applying(text, file: file, over: JobTemplate())
    }

    static func applying(_ text: String, file: String, over base: JobTemplate) throws
        -> (template: JobTemplate, warnings: [MiddlewareWarning]) {
        var template = base
        var warnings: [MiddlewareWarning] = []
        var seen: [String: Int] = [:]
        for entry in try KeyValueFile.parse(text, file: file) {
            if let first = seen[entry.key] {
                warnings.append(MiddlewareWarning("\(entry.key) is set twice (first on line \(first)); the later value wins",
                                                  at: entry.location))
            }
            seen[entry.key] = seen[entry.key] ?? entry.line
            guard let key = JobTemplateKey(rawValue: entry.key) else {
                if JobTemplateKey.ignoredGridWayKeys.contains(entry.key) {
                    warnings.append(MiddlewareWarning("\(entry.key) is a GridWay key that vgrid ignores", at: entry.location))
                    continue
                }
                throw MiddlewareError(.unknownKey, "unknown key '\(entry.key)' in job template",
                                      hint: Suggestion.hint(for: entry.key, in: JobTemplateKey.allCases.map(\.rawValue)),
                                      at: entry.location)
            }
            guard entry.index == nil else {
                throw MiddlewareError(.syntax, "\(entry.key) takes no [index]", hint: "write \(entry.key) = value",
                                      at: entry.location)
            }
            if entry.value.isEmpty {
                if entry.wasQuoted { template.reset(key) }
                continue
            }
            try template.apply(key, entry)
        }
        return (template, warnings)
    }

    /// Puts `key` back to vgrid's built-in default.
    mutating func reset(_ key: JobTemplateKey) {
        let fresh = JobTemplate()
        switch key {
        case .name: name = nil
        case .executable: executable = nil
        case .arguments: arguments = nil
        case .environment: environment = []
        case .inputFiles: inputFiles = []
        case .outputFiles: outputFiles = []
        case .stdinFile: stdinFile = fresh.stdinFile
        case .stdoutFile: stdoutFile = fresh.stdoutFile
        case .stderrFile: stderrFile = fresh.stderrFile
        case .requirements: requirements = fresh.requirements
        case .rank: rank = fresh.rank
        case .rescheduleOnFailure: rescheduleOnFailure = fresh.rescheduleOnFailure
        case .numberOfRetries: numberOfRetries = fresh.numberOfRetries
        case .reschedulingInterval: reschedulingInterval = fresh.reschedulingInterval
        case .suspensionTimeout: suspensionTimeout = fresh.suspensionTimeout
        case .cpuloadThreshold: cpuloadThreshold = fresh.cpuloadThreshold
        case .type: type = fresh.type
        case .np: np = fresh.np
        case .deadline: deadline = fresh.deadline
        case .jobDependencies: dependencies = []
        }
    }

    /// Sets `key` from a non-empty entry, checking the value.
    mutating func apply(_ key: JobTemplateKey, _ entry: KeyValueEntry) throws {
        let value = entry.value
        switch key {
        case .name: name = value
        case .executable:
            try TemplateValues.located(entry) { try TemplateValues.checkStaged(value, what: "EXECUTABLE") }
            executable = value
        case .arguments: arguments = value
        case .environment: environment = try TemplateValues.environment(entry)
        case .inputFiles: inputFiles = try TemplateValues.files(entry, inputs: true)
        case .outputFiles: outputFiles = try TemplateValues.files(entry, inputs: false)
        case .stdinFile:
            try TemplateValues.located(entry) { try TemplateValues.checkStaged(value, what: "STDIN_FILE") }
            stdinFile = value
        case .stdoutFile: stdoutFile = value
        case .stderrFile: stderrFile = value
        case .requirements:
            requirements = try TemplateValues.expression(entry) { try Requirements(parsing: $0) }
        case .rank:
            rank = try TemplateValues.expression(entry) { try RankExpression(parsing: $0) }
        case .rescheduleOnFailure: rescheduleOnFailure = try TemplateValues.yesNo(entry)
        case .numberOfRetries: numberOfRetries = try TemplateValues.integer(entry, in: 0...1000)
        case .reschedulingInterval: reschedulingInterval = try TemplateValues.integer(entry, in: 0...Int(Int32.max))
        case .suspensionTimeout: suspensionTimeout = try TemplateValues.integer(entry, in: 0...Int(Int32.max))
        case .cpuloadThreshold: cpuloadThreshold = try TemplateValues.integer(entry, in: 0...100)
        case .type: type = try TemplateValues.jobType(entry)
        case .np: np = try TemplateValues.integer(entry, in: 1...100_000)
        case .deadline: deadline = try TemplateValues.deadline(entry)
        case .jobDependencies: dependencies = try TemplateValues.dependencies(entry)
        }
    }
}
