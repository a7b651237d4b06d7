extension JobTemplate {
    /// The normalised template for `var/<jid>/job.template`: every key, in table order,
    /// defaults written out, one `KEY = value` per line. `parse` reads it back unchanged.
    public func normalized() -> String {
        JobTemplateKey.allCases.map { key in
            let value = text(for: key)
            let padded = key.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0)
            return value.isEmpty ? "\(padded) =" : "\(padded) = \(value)"
        }.joined(separator: "\n") + "\n"
    }

    /// The value of `key` as the normalised form writes it.
    public func text(for key: JobTemplateKey) -> String {
        switch key {
        case .name: return Self.quoted(name ?? "")
        case .executable: return Self.quoted(executable ?? "")
        case .arguments: return Self.quoted(arguments ?? "")
        case .environment:
            return environment.map { variable in
                let plain = !variable.value.isEmpty && !variable.value.contains(where: { " ,\t\"#".contains($0) })
                return plain ? "\(variable.name)=\(variable.value)" : "\(variable.name)=\"\(variable.value)\""
            }.joined(separator: ", ")
        case .inputFiles: return Self.fileList(inputFiles)
        case .outputFiles: return Self.fileList(outputFiles)
        case .stdinFile: return Self.quoted(stdinFile)
        case .stdoutFile: return Self.quoted(stdoutFile)
        case .stderrFile: return Self.quoted(stderrFile)
        case .requirements: return Self.quoted(requirements.source)
        case .rank: return Self.quoted(rank.source)
        case .rescheduleOnFailure: return rescheduleOnFailure ? "yes" : "no"
        case .numberOfRetries: return String(numberOfRetries)
        case .reschedulingInterval: return String(reschedulingInterval)
        case .suspensionTimeout: return String(suspensionTimeout)
        case .cpuloadThreshold: return String(cpuloadThreshold)
        case .type: return type.rawValue
        case .np: return String(np)
        case .deadline: return GridTime.deadline(seconds: deadline)
        case .jobDependencies: return dependencies.map(String.init).joined(separator: " ")
        }
    }

    static func fileList(_ files: [FileTransfer]) -> String {
        files.map { file in file.destination.map { "\(file.source) \($0)" } ?? file.source }.joined(separator: ", ")
    }

    /// Quotes a value that would otherwise lose blanks or a `#`; a value with a `"` inside is
    /// written as is (the format has no escapes, and the reader keeps inner quotes).
    static func quoted(_ value: String) -> String {
        if value.contains("\"") { return value }
        let needsQuotes = value.hasPrefix(" ") || value.hasSuffix(" ") || value.hasPrefix("\t")
            || value.hasSuffix("\t") || value.contains("#")
        return needsQuotes ? "\"\(value)\"" : value
    }
}
