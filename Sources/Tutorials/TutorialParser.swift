import Foundation

/// Reads the checkable blocks of a Markdown tutorial.
///
/// A block is checked when its info string starts with `console` and names where it runs
/// (`node=NAME` or `host`). Inside it, a line starting with `$ ` is a command, the `> `
/// lines right after it continue the command (a here-document, a long pipeline), and every
/// other line is output the command must print. Blocks with any other info string are
/// prose for the reader and are not run.
public enum TutorialParser {
    public static let attributes = ["node", "user", "host", "exit", "timeout", "retry", "input"]

    public static func load(path: String) throws -> Tutorial {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TutorialError(.unreadable, path: path, "cannot read tutorial file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func parse(_ markdown: String, path: String) throws -> Tutorial {
        var lines = markdown.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var steps: [Step] = []
        var index = 0
        while index < lines.count {
            guard let fence = Fence(opening: lines[index]) else { index += 1; continue }
            let start = index
            var body: [(text: String, line: Int)] = []
            index += 1
            while index < lines.count, !fence.isClosed(by: lines[index]) {
                body.append((fence.strippingIndent(lines[index]), index + 1))
                index += 1
            }
            guard index < lines.count else {
                throw TutorialError(.syntax, path: path, line: start + 1, "code block is not closed",
                                    hint: "end it with a line of \(fence.marker)")
            }
            index += 1
            if let step = try step(info: fence.info, body: body, line: start + 1, number: steps.count + 1, path: path) {
                steps.append(step)
            }
        }
        return Tutorial(path: path, steps: steps)
    }

    static func step(info: String, body: [(text: String, line: Int)], line: Int, number: Int, path: String) throws -> Step? {
        var words = splitInfo(info)
        guard words.first == "console" else { return nil }
        words.removeFirst()
        var attributes: [String: String] = [:]
        for word in words {
            let (key, value) = word.firstIndex(of: "=").map { (String(word[..<$0]), String(word[word.index(after: $0)...])) } ?? (word, "")
            guard Self.attributes.contains(key) else {
                throw TutorialError(.syntax, path: path, line: line, "unknown attribute '\(key)' on a console block",
                                    hint: "known attributes: \(Self.attributes.joined(separator: ", "))")
            }
            guard attributes[key] == nil else {
                throw TutorialError(.syntax, path: path, line: line, "attribute '\(key)' given twice")
            }
            attributes[key] = value
        }
        let target: Step.Target
        switch (attributes["node"], attributes["host"]) {
        case (nil, nil):
            throw TutorialError(.syntax, path: path, line: line, "console block without node=NAME or host",
                                hint: "say where it runs (```console node=head user=alice), or use another info string (```sh) for a block that is not checked")
        case (.some, .some):
            throw TutorialError(.syntax, path: path, line: line, "a console block runs on a node or on the host, not both")
        case let (.some(node), nil):
            guard !node.isEmpty else { throw TutorialError(.syntax, path: path, line: line, "node= needs a node name (head, worker1)") }
            let user = attributes["user"].flatMap { $0 == "root" ? nil : $0 }
            target = .node(node, user: user)
        case (nil, .some):
            if attributes["user"] != nil {
                throw TutorialError(.syntax, path: path, line: line, "user= applies to node blocks only")
            }
            target = .host
        }
        func seconds(_ key: String) throws -> Double? {
            guard let text = attributes[key] else { return nil }
            guard let value = Double(text), value >= 0 else {
                throw TutorialError(.syntax, path: path, line: line, "\(key)= needs a number of seconds, got '\(text)'")
            }
            return value
        }
        var exitStatus: Int32 = 0
        if let text = attributes["exit"] {
            guard let value = Int32(text), (0...255).contains(value) else {
                throw TutorialError(.syntax, path: path, line: line, "exit= needs an exit status from 0 to 255, got '\(text)'")
            }
            exitStatus = value
        }
        let commands = try self.commands(body, path: path, blockLine: line)
        guard !commands.isEmpty else {
            throw TutorialError(.syntax, path: path, line: line, "console block without a command",
                                hint: "commands start with '$ '")
        }
        return Step(number: number, line: line, target: target, exitStatus: exitStatus,
                    timeout: try seconds("timeout") ?? Step.defaultTimeout, retry: try seconds("retry"),
                    input: attributes["input"], commands: commands)
    }

    /// `$ ` starts a command, `> ` right after a command continues it, the rest is output.
    static func commands(_ body: [(text: String, line: Int)], path: String, blockLine: Int) throws -> [Command] {
        var commands: [Command] = []
        var continuing = false
        for (text, line) in body {
            if text.hasPrefix("$ ") || text == "$" {
                commands.append(Command(text: String(text.dropFirst(2)), line: line))
                continuing = true
            } else if continuing, text.hasPrefix(">") {
                commands[commands.count - 1].text += "\n" + String(text.dropFirst(text.hasPrefix("> ") ? 2 : 1))
            } else {
                guard !commands.isEmpty else {
                    if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                    throw TutorialError(.syntax, path: path, line: line, "output before the first command",
                                        hint: "commands start with '$ '")
                }
                continuing = false
                commands[commands.count - 1].expected.append(ExpectedLine(text, line: line))
            }
        }
        return commands
    }

    /// Words of an info string; a value may be double-quoted (`input="two words"`).
    static func splitInfo(_ info: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in info {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace, !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// A fenced code block's opening line: ```` ``` ```` or `~~~` (three or more), indented at
/// most as far as a list item's content.
struct Fence {
    var marker: String
    var indent: Int
    var info: String

    init?(opening line: String) {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let marker = rest.prefix { $0 == first }
        guard marker.count >= 3 else { return nil }
        let info = rest.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
        if first == "`", info.contains("`") { return nil }
        self.marker = String(marker)
        self.indent = indent
        self.info = info
    }

    func isClosed(by line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix(marker) && trimmed.allSatisfy { $0 == marker.first }
    }

    /// Lines inside a fence lose up to the fence's own indentation (blocks inside lists).
    func strippingIndent(_ line: String) -> String {
        let spaces = min(indent, line.prefix { $0 == " " }.count)
        return String(line.dropFirst(spaces))
    }
}
