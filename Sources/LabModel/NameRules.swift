/// What names in a lab file may look like, and why.
public enum NameRules {
    /// Lab names become prefixes of libvirt domains, networks and volumes.
    public static let maxLabName = 20
    /// Node names are host names inside the lab (and part of domain names).
    public static let maxNodeName = 20
    /// `<lab>` or `<lab>-<student>`: the prefix of everything one copy creates.
    public static let maxInstanceID = 24
    /// The usual Linux limit for a login name.
    public static let maxUserName = 32

    /// Accounts the guest image already has, or that vgrid's services use.
    public static let reservedUserNames: Set<String> = [
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news",
        "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "nogroup",
        "adm", "operator", "halt", "shutdown", "sshd", "messagebus", "systemd-network",
        "systemd-resolve", "systemd-timesync", "_apt", "ntp", "dnsmasq", "polkitd",
    ]

    /// Why `name` is not a valid lab, node or student name (`[a-z][a-z0-9-]*`), or nil.
    static func dnsLabelProblem(_ name: String, maxLength: Int) -> String? {
        guard let first = name.unicodeScalars.first else { return "is empty" }
        if !isLower(first) { return "must start with a lower-case letter" }
        if let bad = name.unicodeScalars.first(where: { !isLower($0) && !isDigit($0) && $0 != "-" }) {
            return "contains '\(bad)'; use lower-case letters, digits and '-'"
        }
        if name.hasSuffix("-") { return "must not end with '-'" }
        if name.unicodeScalars.count > maxLength {
            return "is \(name.unicodeScalars.count) characters long; at most \(maxLength) are allowed"
        }
        return nil
    }

    /// Why `name` is not a usable POSIX login name (`[a-z_][a-z0-9_-]*`), or nil.
    static func userNameProblem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "is empty" }
        if !isLower(first) && first != "_" { return "must start with a lower-case letter or '_'" }
        let allowed: (Unicode.Scalar) -> Bool = { isLower($0) || isDigit($0) || $0 == "_" || $0 == "-" }
        if let bad = name.unicodeScalars.first(where: { !allowed($0) }) {
            return "contains '\(bad)'; use lower-case letters, digits, '_' and '-'"
        }
        if name.unicodeScalars.count > maxUserName {
            return "is \(name.unicodeScalars.count) characters long; at most \(maxUserName) are allowed"
        }
        if reservedUserNames.contains(name) { return "is a reserved system account" }
        return nil
    }

    private static func isLower(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
