/// The rules every member name obeys: a relative path that stays inside the directory it is
/// extracted into. Checked for every name in the manifest and every tar header before a
/// single byte is written.
public enum MemberPath {
    /// Longest name a ustar header holds (155 prefix + '/' + 100 name).
    public static let maxLength = 256

    /// Returns why `path` is unsafe, or nil when it is fine.
    public static func problem(_ path: String) -> String? {
        if path.isEmpty { return "an empty name" }
        if path.utf8.count > maxLength { return "a name longer than \(maxLength) bytes" }
        if path.hasPrefix("/") { return "an absolute path" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return "control characters or a backslash in its name"
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": return "an empty path component ('//' or a trailing '/')"
            case ".": return "a '.' path component"
            case "..": return "a '..' path component, which would escape the target directory"
            default: continue
            }
        }
        return nil
    }

    /// Throws `unsafeMember` unless `path` is safe.
    public static func check(_ path: String) throws {
        if let problem = problem(path) {
            throw BundleError(.unsafeMember, "the bundle holds a member named '\(path)': \(problem)",
                              hint: "the bundle was not written by vgrid or was tampered with: do not use it", subject: path)
        }
    }
}
