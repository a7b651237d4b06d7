import Foundation

/// The shell script that runs one step as a student would type it, and the reading of its
/// output back into one piece per command.
///
/// The commands run in one `sh` (so `cd` and variables carry over inside the block) with
/// standard error joined to standard output, as a terminal shows them. After each command
/// the script prints a marker line with the command's number and exit status. At the end it
/// saves the shell's variables and directory in a session file that the next block on the
/// same node and user reads first: the blocks of a tutorial behave like one terminal.
public struct StepScript: Sendable {
    public static let markerPrefix = "@@vgrid-tutorial-step"

    /// Where the session (variables, directory) is kept between blocks, e.g.
    /// `/tmp/.vgrid-tutorial.3f2a.$(id -u)` (the shell expands the uid).
    public var sessionFile: String

    public init(session: String) {
        sessionFile = "/tmp/.vgrid-tutorial.\(session).$(id -u)"
    }

    /// The script for `sh -c` (or `sh -l -c` on a node).
    public func script(for step: Step) -> String {
        var script = """
            exec 2>&1
            cd "$HOME" 2>/dev/null
            if [ -f \(sessionFile) ]; then . \(sessionFile); fi

            """
        for (index, command) in step.commands.enumerated() {
            script += command.text + "\n"
            script += "__vgrid_status=$?; printf '\\n\(Self.markerPrefix) \(index + 1) %d@@\\n' \"$__vgrid_status\"\n"
        }
        // The variables `set` lists, minus those the shell owns, and the directory.
        script += """
            { set | grep -v -E '^(PPID|LINENO|FUNCNAME|OPTIND|SHLVL|PWD|OLDPWD|_|__vgrid_status)='; \
            printf "cd '%s'\\n" "$PWD"; } >\(sessionFile) 2>/dev/null
            exit 0

            """
        return script
    }

    /// The script that removes the session file (run when a tutorial ends).
    public var cleanup: String { "rm -f \(sessionFile)" }

    /// One command's output (lines) and exit status.
    public struct Piece: Sendable, Equatable {
        public var lines: [String]
        public var status: Int32
    }

    /// Splits the block's output at the markers. Output after the last marker (the block
    /// ended early: `exit`, a timeout) becomes a piece without a status.
    public static func pieces(of output: String) -> (pieces: [Piece], rest: [String]) {
        var pieces: [Piece] = []
        var current: [String] = []
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix(markerPrefix + " "), line.hasSuffix("@@"),
               let status = Int32(line.dropFirst(markerPrefix.count + 1).dropLast(2).split(separator: " ").last ?? "") {
                // The marker starts with a newline: drop the empty line it made after output
                // that ended with one.
                if current.last == "" { current.removeLast() }
                pieces.append(Piece(lines: current, status: status))
                current = []
            } else {
                current.append(line)
            }
        }
        return (pieces, current)
    }
}
