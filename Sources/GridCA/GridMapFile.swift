import Foundation

/// The grid-mapfile: which local accounts each certificate identity (DN) may use.
///
/// One mapping per line, `"<DN>" user[,user2...]`; the first user is the default; `#` starts a comment;
/// a DN without spaces may be unquoted; DNs match case-insensitively.
public struct GridMapFile: Sendable, Equatable {
    /// One mapping.
    public struct Entry: Sendable, Equatable {
        /// The identity in one-line form.
        public var dn: String
        /// Local account names; the first is the default.
        public var users: [String]

        /// Creates a mapping.
        public init(dn: String, users: [String]) {
            self.dn = dn
            self.users = users
        }
    }

    /// The mappings in file order.
    public var entries: [Entry]

    /// Creates a grid-mapfile from mappings.
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The conventional path, `/etc/grid-security/grid-mapfile` (or `$GRIDMAP`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: environment["GRIDMAP"] ?? "/etc/grid-security/grid-mapfile")
    }

    /// Parses grid-mapfile text; `location` names the file in errors.
    public init(parsing text: String, location: String = "grid-mapfile") throws {
        entries = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            entries.append(try Self.parseLine(line, location: "\(location):\(offset + 1)"))
        }
    }

    /// Reads a grid-mapfile.
    public static func load(_ url: URL) throws -> GridMapFile {
        try GridMapFile(parsing: try FileIO.readString(url), location: url.path)
    }

    /// The file text, every DN quoted.
    public var text: String {
        entries.map { "\"\($0.dn)\" \($0.users.joined(separator: ","))\n" }.joined()
    }

    /// Writes the file with mode 0644.
    public func write(to url: URL) throws {
        try FileIO.write(text, to: url, mode: 0o644)
    }

    /// Local accounts mapped to `dn` (case-insensitive), default first; empty if none.
    public func users(for dn: String) -> [String] {
        entries.filter { $0.dn.caseInsensitiveCompare(dn) == .orderedSame }.flatMap(\.users)
    }

    /// The default local account for `dn`, or an `identityNotMapped` error.
    public func localUser(for dn: String) throws -> String {
        guard let user = users(for: dn).first else {
            throw GridCAError(
                .identityNotMapped, "the identity \(dn) is not in the grid-mapfile",
                hint: "add it: grid-mapfile-add-entry -dn \"\(dn)\" -ln <user>")
        }
        return user
    }

    /// Adds `user` to the mapping of `dn`, creating the mapping if needed (like grid-mapfile-add-entry).
    public mutating func add(dn: String, user: String) {
        if let index = entries.firstIndex(where: { $0.dn.caseInsensitiveCompare(dn) == .orderedSame }) {
            if !entries[index].users.contains(user) { entries[index].users.append(user) }
        } else {
            entries.append(Entry(dn: dn, users: [user]))
        }
    }

    /// Removes the mapping of `dn`.
    public mutating func remove(dn: String) {
        entries.removeAll { $0.dn.caseInsensitiveCompare(dn) == .orderedSame }
    }

    static func parseLine(_ line: String, location: String) throws -> Entry {
        var dn = ""
        var rest = Substring(line)
        if rest.first == "\"" {
            rest = rest.dropFirst()
            var escaped = false
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped { dn.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { closed = true; break } else { dn.append(character) }
            }
            guard closed else { throw syntax("the quoted DN is not closed", location: location) }
        } else {
            dn = String(rest.prefix { !$0.isWhitespace })
            rest = rest.dropFirst(dn.count)
        }
        let users = rest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !dn.isEmpty, !users.isEmpty, users.allSatisfy({ !$0.contains(where: \.isWhitespace) }) else {
            throw syntax("expected \"<DN>\" user[,user2...]", location: location)
        }
        return Entry(dn: dn, users: users)
    }

    static func syntax(_ message: String, location: String) -> GridCAError {
        GridCAError(.gridMapSyntax, "grid-mapfile line is malformed: \(message)", hint: "write lines like \"/O=Grid/CN=Ada Lovelace\" ada", location: location)
    }
}
