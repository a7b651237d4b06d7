import Foundation
import GridTools

extension ToolContext {
    /// `$TZ` when it names a zone, else the system's: the zone gwps and gwhistory print times in.
    var timeZone: TimeZone {
        environment["TZ"].flatMap { TimeZone(identifier: $0) } ?? .current
    }

    /// The directory the command runs in: `$PWD` when it is this process's directory written another
    /// way (a symlinked home), else the process's own. Relative template paths start here.
    var currentDirectory: String {
        let real = FileManager.default.currentDirectoryPath
        if let pwd = environment["PWD"], pwd.hasPrefix("/"),
           URL(fileURLWithPath: pwd).resolvingSymlinksInPath().path == URL(fileURLWithPath: real).resolvingSymlinksInPath().path {
            return pwd
        }
        return real
    }

    /// `path` made absolute against ``currentDirectory``, with `.` and `..` removed.
    func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// Everything left on standard input (a template piped into gwsubmit).
    func readAllStandardInput() -> String {
        var lines: [String] = []
        while let line = readStandardInputLine() { lines.append(line) }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
