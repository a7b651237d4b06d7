import Foundation
import GridCA

/// `grid-mapfile-check-consistency`: checks a grid-mapfile exists, parses, has no duplicate DNs and names real accounts.
public struct GridMapfileCheckConsistency: GridCommand {
    public static let name = "grid-mapfile-check-consistency"
    public static let synopsis = "[-help] [-mapfile FILE | -f FILE]"
    public static let summary = "Checks a Grid mapfile: existence, syntax, duplicate entries and local user names."
    public static let options: [OptionSpec] = [
        OptionSpec("mapfile", aliases: ["f"], .value, placeholder: "FILE", help: "Check FILE instead of the default grid-mapfile"),
    ]

    var mapFile: String?

    public init(options: ParsedOptions) throws {
        mapFile = options.value("mapfile")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let path = mapFile ?? defaultPath(context)
        context.out("Checking \(path)\nVerifying grid mapfile existence...")
        guard TextFile.exists(path) else {
            context.out("ERROR\n")
            throw GridToolsError("\(path) does not exist", hint: "add a first entry with grid-mapfile-add-entry -dn DN -ln USER")
        }
        context.out("OK\n")
        let text = try TextFile.read(path, what: "the grid-mapfile")
        var problems = 0
        var entries: [GridMapFile.Entry] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            do {
                entries += try GridMapFile(parsing: String(line), location: path).entries
            } catch let error as GridCAError {
                context.out("ERROR: line \(index + 1): \(error.message)\n")
                problems += 1
            }
        }
        context.out("Checking for duplicate entries...")
        var seen = Set<String>()
        let duplicates = entries.map { $0.dn.lowercased() }.filter { !seen.insert($0).inserted }
        if duplicates.isEmpty {
            context.out("OK\n")
        } else {
            context.out("\n" + Set(duplicates).sorted().map { "ERROR: \($0) has more than one entry\n" }.joined())
            problems += duplicates.count
        }
        context.out("Checking for valid user names...")
        let invalid = entries.flatMap(\.users).uniqued().filter { !context.userExists($0) }
        if invalid.isEmpty {
            context.out("OK\n")
        } else {
            context.out("\n" + invalid.map { "ERROR: \($0) is not a valid local username\n" }.joined())
            context.out("ERROR: Found \(invalid.count) invalid username(s)\n")
            problems += invalid.count
        }
        return problems == 0 ? 0 : 1
    }

    /// `$GRIDMAP`, else `~/.gridmap` for a non-root user who has one, else `/etc/grid-security/grid-mapfile`.
    func defaultPath(_ context: ToolContext) -> String {
        if let path = context.environment["GRIDMAP"], !path.isEmpty { return path }
        let personal = context.home + "/.gridmap"
        if context.uid != 0, TextFile.exists(personal) { return personal }
        return "/etc/grid-security/grid-mapfile"
    }
}
