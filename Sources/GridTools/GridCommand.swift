/// The version the guest commands report with `-version`.
public enum GridToolsVersion {
    /// The vgrid release these commands belong to.
    public static let current = "0.1.0"
}

/// How a command's options and failures look.
public enum CommandStyle: Sendable {
    /// `-valid 12:00`, `-help`; failures as `Error: ...`.
    case globus
    /// getopt letters (`-n 10 -nf`), `-h`; failures as `FAILED: ...`, as GridWay's commands print them.
    case gridWay
}

/// A Globus-style guest command: its name, options and usage text, built from parsed options, then run.
public protocol GridCommand {
    /// The command name students type (`grid-proxy-init`).
    static var name: String { get }
    /// The bracketed synopsis after `Syntax:`.
    static var synopsis: String { get }
    /// What the command does, printed at the top of `-help`.
    static var summary: String { get }
    /// The command's own options (`-help`, `-usage` and `-version` are added).
    static var options: [OptionSpec] { get }
    /// Whether file names may follow the options.
    static var allowsPositionals: Bool { get }
    /// After this many plain arguments every later word is a plain argument, options included
    /// (`globus-job-run HOST /bin/ls -l`: `-l` is the program's); nil: options anywhere.
    static var optionsEndAfterPositionals: Int? { get }
    /// Globus (`-valid 12:00`, `Error:` lines) or GridWay (`-n 10 -nf`, `-h`, `FAILED:` lines).
    static var style: CommandStyle { get }

    /// Checks and keeps the options; throws ``UsageError`` for bad input.
    init(options: ParsedOptions) throws
    /// Does the work; returns the exit status or throws ``GridToolsError``.
    func run(in context: ToolContext) throws -> Int32
}

extension GridCommand {
    public static var allowsPositionals: Bool { false }
    public static var optionsEndAfterPositionals: Int? { nil }
    public static var style: CommandStyle { .globus }

    /// The common options every command accepts (GridWay's commands take `-h` for help).
    static var standardOptions: [OptionSpec] {
        switch style {
        case .globus:
            return [
                OptionSpec("help", aliases: ["usage"], help: "Displays usage"),
                OptionSpec("version", help: "Displays version"),
            ]
        case .gridWay:
            return [
                OptionSpec("help", aliases: ["h", "usage"], help: "Prints this help"),
                OptionSpec("version", help: "Prints the version"),
            ]
        }
    }

    /// The parser for this command's command line.
    public static var parser: GlobusOptionParser {
        GlobusOptionParser(options: standardOptions + options, allowsPositionals: allowsPositionals, clustersShortOptions: style == .gridWay,
                           optionsEndAfterPositionals: optionsEndAfterPositionals)
    }

    /// `Syntax: <name> <synopsis>`.
    public static var shortUsage: String { "Syntax: \(name) \(synopsis)" }

    /// The full `-help` text.
    public static var longUsage: String {
        "\(shortUsage)\n\n    \(summary)\n\n    Options\n\(parser.optionsHelp())\n"
    }

    /// Parses `arguments`, runs the command and returns the exit status; never throws.
    public static func main(_ arguments: [String], context: ToolContext) -> Int32 {
        let parsed: ParsedOptions
        let command: Self
        do {
            parsed = try parser.parse(arguments)
            if parsed.has("help") {
                context.out(longUsage)
                return 0
            }
            if parsed.has("version") {
                context.out("\(name): vgrid \(GridToolsVersion.current)\n")
                return 0
            }
            command = try Self(options: parsed)
        } catch let error as UsageError {
            context.err(usageFailure(error))
            return 1
        } catch {
            context.err(style == .gridWay ? "FAILED: \(error)\n" : "\nERROR: \(error)\n")
            return 1
        }
        do {
            return try command.run(in: context)
        } catch let error as GridToolsError {
            context.err(render(error, debug: parsed.has("debug")))
            return error.exitCode
        } catch let error as UsageError {
            context.err(usageFailure(error))
            return 1
        } catch {
            context.err(render(GridToolsError("\(name) failed", underlying: error), debug: parsed.has("debug")))
            return 1
        }
    }

    /// A runtime failure in the command's style.
    static func render(_ error: GridToolsError, debug: Bool) -> String {
        style == .gridWay ? error.renderedAsFailure() : error.rendered(debug: debug)
    }

    /// Bad command-line input in the command's style, with the short usage.
    static func usageFailure(_ error: UsageError) -> String {
        switch style {
        case .globus: return "\nERROR: \(error)\n\n\(shortUsage)\n\nUse -help to display full usage.\n"
        case .gridWay: return "FAILED: \(error)\n\(shortUsage)\nUse -h to display full usage.\n"
        }
    }
}
