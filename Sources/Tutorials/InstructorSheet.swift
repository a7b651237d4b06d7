/// The instructor's sheet that `vgrid up` writes: `account: NAME` lines, each followed
/// (after its DN) by `passphrase: X`.
public struct InstructorSheet: Sendable, Equatable {
    public var passphrases: [String: String]

    public init(passphrases: [String: String] = [:]) {
        self.passphrases = passphrases
    }

    public init(text: String) {
        var passphrases: [String: String] = [:]
        var account: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("#") { continue }
            if let value = Self.value(line, key: "account:") {
                account = value
            } else if let value = Self.value(line, key: "passphrase:"), let name = account {
                passphrases[name] = value
            }
        }
        self.passphrases = passphrases
    }

    static func value(_ line: Substring, key: String) -> String? {
        guard line.hasPrefix(key) else { return nil }
        let value = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
        var end = value.endIndex
        while end > value.startIndex, value[value.index(before: end)] == " " || value[value.index(before: end)] == "\t" {
            end = value.index(before: end)
        }
        return String(value[..<end])
    }
}
