import Foundation

/// The busybox-style entry point of `vgrid-guest`: picks the command from the program name or the first argument.
///
/// `grid-proxy-init -valid 1:00` (a link named after the command) and `vgrid-guest grid-proxy-init -valid 1:00`
/// do the same. `vgrid-guest --list` prints the command names; `vgrid-guest --install DIR` links them into DIR.
public enum GuestMultiCall {
    /// Every command, by name.
    public static let commands: [any GridCommand.Type] = [
        GridProxyInit.self, GridProxyInfo.self, GridProxyDestroy.self, GridCertInfo.self,
        GridMapfileAddEntry.self, GridMapfileCheckConsistency.self,
    ]

    /// The command called `name`, if there is one.
    public static func command(named name: String, in commands: [any GridCommand.Type] = commands) -> (any GridCommand.Type)? {
        commands.first { $0.name == name }
    }

    /// Runs the command `arguments` asks for (`arguments[0]` is the program path) and returns the exit status.
    public static func main(_ arguments: [String], context: ToolContext, commands: [any GridCommand.Type] = commands) -> Int32 {
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "vgrid-guest"
        if let command = command(named: program, in: commands) {
            return command.main(Array(arguments.dropFirst()), context: context)
        }
        let rest = Array(arguments.dropFirst())
        guard let first = rest.first else {
            context.err(usage(program, commands: commands))
            return 1
        }
        if let command = command(named: first, in: commands) {
            return command.main(Array(rest.dropFirst()), context: context)
        }
        switch first {
        case "--help", "-help", "-h":
            context.out(usage(program, commands: commands))
            return 0
        case "--list":
            context.out(commands.map { $0.name + "\n" }.joined())
            return 0
        case "--install":
            return install(into: rest.dropFirst().first, program: arguments[0], context: context, commands: commands)
        default:
            context.err("\(program): \(first): no such command\n\n" + usage(program, commands: commands))
            return 1
        }
    }

    static func usage(_ program: String, commands: [any GridCommand.Type]) -> String {
        """
        vgrid-guest \(GridToolsVersion.current): Globus- and GridWay-style commands for vgrid labs (multi-call binary).

        Usage: \(program) <command> [options]      or a link named after the command
               \(program) --list                   print the command names
               \(program) --install DIR            link every command name in DIR to this binary

        Commands:
        \(commands.map { "    \($0.name)" }.joined(separator: "\n"))

        Run a command with -help for its options.

        """
    }

    /// Creates `DIR/<command>` symbolic links to this binary, replacing links that are already there.
    static func install(into directory: String?, program: String, context: ToolContext, commands: [any GridCommand.Type]) -> Int32 {
        guard let directory else {
            context.err("vgrid-guest: --install needs a directory, e.g. --install /usr/bin\n")
            return 1
        }
        let target = program.hasPrefix("/") ? program : GridSecurityPaths.absolute(program)
        for command in commands {
            let link = directory + "/" + command.name
            do {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) != nil {
                    try FileManager.default.removeItem(atPath: link)
                }
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            } catch {
                context.err(GridToolsError("cannot create \(link)", hint: "run as root, or choose a directory you can write", underlying: error).rendered())
                return 1
            }
        }
        return 0
    }
}
