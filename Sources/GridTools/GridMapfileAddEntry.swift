import Foundation
import GridCA
import X509

/// `grid-mapfile-add-entry`: maps a certificate DN to local accounts in the grid-mapfile.
///
/// Edits the file line by line, so comments and the other entries stay as they were; the previous
/// contents are kept in `<mapfile>.old`, as Globus does. Unlike Globus, asking for a mapping that is
/// already there fails (exit 1), so a lab script notices a repeated step.
public struct GridMapfileAddEntry: GridCommand {
    public static let name = "grid-mapfile-add-entry"
    public static let synopsis = "-dn DN -ln LN [LN2...] [-help] [-d] [-f mapfile] [-force]"
    public static let summary = "Adds an entry to a Grid mapfile ($GRIDMAP, else /etc/grid-security/grid-mapfile)."
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("dn", .value, placeholder: "DN", help: "Distinguished Name (DN) to add; quote it if it contains spaces"),
        OptionSpec("ln", .values, placeholder: "LN", help: "Local login name(s) to map DN to"),
        OptionSpec("dryrun", aliases: ["d"], help: "Shows what would be done but will not add the entry"),
        OptionSpec("mapfile", aliases: ["f"], .value, placeholder: "FILE", help: "Path of Grid map file to be used"),
        OptionSpec("force", help: "Make modifications even if a local user does not exist"),
    ]

    var dn: String
    var users: [String]
    var dryRun: Bool
    var mapFile: String?
    var force: Bool

    public init(options: ParsedOptions) throws {
        if let stray = options.positionals.first {
            throw UsageError(option: stray, "unexpected argument; quote a DN that contains spaces: -dn \"/O=Grid/OU=GlobusTest/CN=Ada Lovelace\"")
        }
        guard let dn = options.value("dn"), !options.values("ln").isEmpty else {
            throw UsageError(option: "", "both -dn and -ln are required")
        }
        do {
            _ = try DistinguishedName(globusOneLine: dn)
        } catch let error as GridCAError {
            throw UsageError(option: "-dn", error.message)
        }
        users = options.values("ln").flatMap { $0.split(separator: ",").map(String.init) }
        if let bad = users.first(where: { $0.isEmpty || $0.contains(where: { $0.isWhitespace || $0 == "\"" }) }) {
            throw UsageError(option: "-ln", "'\(bad)' is not a valid local user name")
        }
        self.dn = dn
        dryRun = options.has("dryrun")
        mapFile = options.value("mapfile")
        force = options.has("force")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let path = mapFile ?? GridSecurityPaths(context).gridMapFile
        if !force, let missing = users.first(where: { !context.userExists($0) }) {
            throw GridToolsError(
                "entry not added because the LN(s) is/are not legitimate: Local Name=\(missing) does *NOT* exist",
                hint: "create the account first (adduser \(missing)), or add -force to map it anyway")
        }
        context.out("Modifying \(path) ...\n")
        let original = TextFile.exists(path) ? try TextFile.read(path, what: "the grid-mapfile") : ""
        var lines = Self.lines(of: original)
        let existing = try Self.findEntry(dn, in: lines, location: path)

        guard let (index, entry) = existing else {
            let line = Self.line(dn: dn, users: users.uniqued())
            if dryRun {
                context.out("Appending new entry \(line)\nSince ( dryrun, -d ) option was used no actions were carried out\n")
                return 0
            }
            lines.append(line)
            try save(lines, original: original, to: path)
            context.out("New entry:\n\(line)\n(1) entry added\n")
            return 0
        }
        context.out("DN \(entry.dn) already exists\n")
        let added = users.uniqued().filter { !entry.users.contains($0) }
        guard !added.isEmpty else {
            throw GridToolsError(
                "No changes were made - already present and ignored: \(users.uniqued().joined(separator: " "))",
                hint: "the DN is already mapped to \(entry.users.joined(separator: ",")); to remove a mapping, edit \(path)")
        }
        let line = Self.line(dn: entry.dn, users: entry.users + added)
        context.out("Updating entry to \(line)\n")
        if dryRun {
            context.out("Since ( dryrun, -d ) option was used no actions were carried out\n")
            return 0
        }
        lines[index] = line
        try save(lines, original: original, to: path)
        context.out("(added mappings: \(added.joined(separator: " ")))\nUpdated entry:\(line)\n(1) entry modified\n")
        return 0
    }

    /// The file's lines without the final empty one.
    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The line mapping `dn` (case-insensitive, as GSI matches), after checking every line parses.
    static func findEntry(_ dn: String, in lines: [String], location: String) throws -> (Int, GridMapFile.Entry)? {
        var found: (Int, GridMapFile.Entry)?
        for (index, line) in lines.enumerated() {
            let parsed: GridMapFile
            do {
                parsed = try GridMapFile(parsing: line, location: location)
            } catch var error as GridCAError {
                error.location = "\(location):\(index + 1)"
                throw GridToolsError("the grid-mapfile is malformed; no changes were made", underlying: error)
            }
            if found == nil, let entry = parsed.entries.first, entry.dn.caseInsensitiveCompare(dn) == .orderedSame {
                found = (index, entry)
            }
        }
        return found
    }

    /// `"<DN>" user1,user2`, quotes and backslashes in the DN escaped.
    static func line(dn: String, users: [String]) -> String {
        let escaped = dn.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\" \(users.joined(separator: ","))"
    }

    func save(_ lines: [String], original: String, to path: String) throws {
        if TextFile.exists(path) { try TextFile.write(original, to: path + ".old", mode: 0o644) }
        try TextFile.write(lines.map { $0 + "\n" }.joined(), to: path, mode: 0o644)
    }
}

extension Array where Element == String {
    /// The elements in order, each kept once.
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
