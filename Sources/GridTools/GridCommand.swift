/// The version the guest commands report with `-version`.
public enum GridToolsVersion {
    /// The vgrid release these commands belong to.
    public static let current = "0.1.0"
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

    /// Checks and keeps the options; throws ``UsageError`` for bad input.
    init(options: ParsedOptions) throws
    /// Does the work; returns the exit status or throws ``GridToolsError``.
    func run(in context: ToolContext) throws -> Int32
}

extension GridCommand {
    public static var allowsPositionals: Bool { false }

    /// The common options every command accepts.
    static var standardOptions: [OptionSpec] {
        [
            OptionSpec("help", aliases: ["usage"], help: "Displays usage"),
            OptionSpec("version", help: "Displays version"),
        ]
    }

    /// The parser for this command's command line.
    public static var parser: GlobusOptionParser {
        GlobusOptionParser(options: standardOptions + options, allowsPositionals: allowsPositionals)
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
            context.err("\nERROR: \(error)\n\n\(shortUsage)\n\nUse -help to display full usage.\n")
            return 1
        } catch {
            context.err("\nERROR: \(error)\n")
            return 1
        }
        do {
            return try command.run(in: context)
        } catch let error as GridToolsError {
            context.err(error.rendered(debug: parsed.has("debug")))
            return error.exitCode
        } catch let error as UsageError {
            context.err("\nERROR: \(error)\n\n\(shortUsage)\n\nUse -help to display full usage.\n")
            return 1
        } catch {
            context.err(GridToolsError("\(name) failed", underlying: error).rendered(debug: parsed.has("debug")))
            return 1
        }
    }
}
