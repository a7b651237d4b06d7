/// One option of a Globus-style command line: single dash, long names (`-valid 12:00`, `-pwstdin`).
public struct OptionSpec: Sendable {
    /// What follows the option.
    public enum Arity: Sendable, Equatable {
        /// Nothing (`-limited`).
        case flag
        /// One value (`-valid 12:00`).
        case value
        /// One or more values, up to the next option (`-ln ada bob`).
        case values
    }

    /// The canonical name without the dash (`valid`).
    public var name: String
    /// Other spellings without the dash (`v`, `dryrun`).
    public var aliases: [String]
    /// Whether and how many values follow.
    public var arity: Arity
    /// The value's placeholder in usage text (`H:M`).
    public var placeholder: String
    /// One line of help.
    public var help: String

    /// Creates an option.
    public init(_ name: String, aliases: [String] = [], _ arity: Arity = .flag, placeholder: String = "", help: String) {
        self.name = name
        self.aliases = aliases
        self.arity = arity
        self.placeholder = placeholder
        self.help = help
    }

    /// Whether `word` (without dashes) names this option.
    func matches(_ word: String) -> Bool { word == name || aliases.contains(word) }

    /// `-valid H:M` style left column of the help text.
    var synopsis: String {
        let names = ([name] + aliases).map { "-" + $0 }.joined(separator: ", ")
        return placeholder.isEmpty ? names : "\(names) <\(placeholder)>"
    }
}

/// The options given on one command line, in the order given.
public struct ParsedOptions: Sendable, Equatable {
    /// One option occurrence: canonical name and its values.
    public struct Occurrence: Sendable, Equatable {
        public var name: String
        public var values: [String]
    }

    /// Every option occurrence, in command-line order.
    public var occurrences: [Occurrence] = []
    /// Arguments that are not options (file names), in order.
    public var positionals: [String] = []

    /// Whether the option was given.
    public func has(_ name: String) -> Bool { occurrences.contains { $0.name == name } }

    /// The value of the last occurrence of the option.
    public func value(_ name: String) -> String? { occurrences.last { $0.name == name }?.values.first }

    /// All values of all occurrences of the option.
    public func values(_ name: String) -> [String] { occurrences.filter { $0.name == name }.flatMap(\.values) }
}

/// Parses Globus-style command lines: `-name`, `-name value`, `--` ends the options.
///
/// `--name` is accepted as a spelling of `-name` (students type GNU-style options); a value may not
/// start with `-` (as Globus, so a forgotten value does not swallow the next option).
public struct GlobusOptionParser: Sendable {
    /// The options the command accepts.
    public var options: [OptionSpec]
    /// Whether plain arguments (file names) are accepted.
    public var allowsPositionals: Bool
    /// getopt-style short options as GridWay's commands take them: `-nf` is `-n -f`, `-n10` is
    /// `-n 10`, and a value may be a negative number (`-i -2`). Long names still match first.
    public var clustersShortOptions: Bool
    /// After this many plain arguments, the rest of the command line is plain arguments (a program and its options).
    public var optionsEndAfterPositionals: Int?

    /// Creates a parser.
    public init(options: [OptionSpec], allowsPositionals: Bool = false, clustersShortOptions: Bool = false,
                optionsEndAfterPositionals: Int? = nil) {
        self.options = options
        self.allowsPositionals = allowsPositionals
        self.clustersShortOptions = clustersShortOptions
        self.optionsEndAfterPositionals = optionsEndAfterPositionals
    }

    /// Parses `arguments` (without the program name).
    public func parse(_ arguments: [String]) throws -> ParsedOptions {
        var parsed = ParsedOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                try addPositionals(arguments[index...], to: &parsed)
                break
            }
            guard argument.hasPrefix("-"), argument.count > 1 else {
                try addPositionals([argument], to: &parsed)
                if let limit = optionsEndAfterPositionals, parsed.positionals.count >= limit {
                    try addPositionals(arguments[index...], to: &parsed)
                    break
                }
                continue
            }
            let word = String(argument.drop { $0 == "-" })
            guard let spec = options.first(where: { $0.matches(word) }) else {
                if clustersShortOptions, !argument.hasPrefix("--") {
                    try parseCluster(word, arguments, &index, into: &parsed)
                    continue
                }
                throw UsageError(option: argument, "unrecognized option")
            }
            var values: [String] = []
            switch spec.arity {
            case .flag:
                break
            case .value:
                guard index < arguments.count, !isOption(arguments[index]) else {
                    throw UsageError(option: argument, "needs a\(spec.placeholder.isEmpty ? " value" : " \(spec.placeholder)") argument")
                }
                values.append(arguments[index])
                index += 1
            case .values:
                while index < arguments.count, !isOption(arguments[index]) {
                    values.append(arguments[index])
                    index += 1
                }
                guard !values.isEmpty else {
                    throw UsageError(option: argument, "needs at least one\(spec.placeholder.isEmpty ? " value" : " \(spec.placeholder)")")
                }
            }
            parsed.occurrences.append(.init(name: spec.name, values: values))
        }
        return parsed
    }

    func addPositionals<S: Sequence>(_ words: S, to parsed: inout ParsedOptions) throws where S.Element == String {
        for word in words {
            guard allowsPositionals else { throw UsageError(option: word, "unexpected argument") }
            parsed.positionals.append(word)
        }
    }

    static func looksLikeOption(_ word: String) -> Bool { word.hasPrefix("-") && word.count > 1 }

    /// Whether `word` is an option rather than a value; with short options a negative number
    /// is a value unless the command has an option of that name (gwkill's `-9`).
    func isOption(_ word: String) -> Bool {
        guard Self.looksLikeOption(word) else { return false }
        guard clustersShortOptions, Int(word) != nil else { return true }
        return options.contains { $0.matches(String(word.dropFirst())) }
    }

    /// `-nf` (flags `-n -f`) or `-n10` (`-n 10`): one letter after another; a letter that
    /// takes a value takes the rest of the word, or else the next argument.
    func parseCluster(_ word: String, _ arguments: [String], _ index: inout Int, into parsed: inout ParsedOptions) throws {
        var rest = Substring(word)
        while let letter = rest.first {
            rest = rest.dropFirst()
            guard let spec = options.first(where: { $0.matches(String(letter)) }) else {
                throw UsageError(option: "-\(letter)", word.count > 1 ? "unrecognized option (in -\(word))" : "unrecognized option")
            }
            var values: [String] = []
            if spec.arity != .flag {
                if !rest.isEmpty {
                    values = [String(rest)]
                    rest = ""
                } else if index < arguments.count, !isOption(arguments[index]) {
                    values = [arguments[index]]
                    index += 1
                } else {
                    throw UsageError(option: "-\(letter)", "needs a\(spec.placeholder.isEmpty ? " value" : " \(spec.placeholder)") argument")
                }
            }
            parsed.occurrences.append(.init(name: spec.name, values: values))
        }
    }

    /// The option list of a help text, one option per line, help aligned in a column.
    public func optionsHelp() -> String {
        let width = max(26, (options.map(\.synopsis.count).max() ?? 0) + 2)
        return options.map { spec in
            let left = "    " + spec.synopsis
            let pad = String(repeating: " ", count: max(1, width + 4 - left.count))
            return left + pad + spec.help
        }.joined(separator: "\n")
    }
}
