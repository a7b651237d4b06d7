/// Keeps staged file names inside the job's directory.
///
/// `checkJobRelative` is a *lexical* check of a name as written (and again after variable
/// substitution): it can be done before any file exists. It cannot see symbolic links: a
/// name that is lexically inside the directory may still resolve outside it if the job (or
/// an earlier job) planted a link there. The code that creates or reads the files must also
/// check at run time: open with `O_NOFOLLOW` (or resolve with `realpath` and compare the
/// prefix with the job directory's resolved path) before writing.
public enum PathSafety {
    /// Returns the normalised relative name (`./a//b` -> `a/b`), or throws `.unsafePath` for
    /// an empty name, an absolute path, a `..` component, `~`, or control characters.
    /// `what` names the value in the message (`INPUT_FILES destination`).
    @discardableResult
    public static func checkJobRelative(_ name: String, what: String) throws -> String {
        func reject(_ reason: String, hint: String) -> MiddlewareError {
            MiddlewareError(.unsafePath, "\(what) '\(name)' \(reason)", hint: hint)
        }
        if name.isEmpty { throw reject("is empty", hint: "give a file name") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw reject("contains a control character", hint: "use plain file names")
        }
        if name.hasPrefix("/") {
            throw reject("is an absolute path, outside the job's directory",
                         hint: "give a name relative to the job's directory, such as results/out.txt")
        }
        if name.hasPrefix("~") {
            throw reject("starts with '~', which is not expanded here",
                         hint: "give a name relative to the job's directory")
        }
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        if components.contains("..") {
            throw reject("contains '..', which could leave the job's directory",
                         hint: "give a name inside the job's directory, without '..'")
        }
        let kept = components.filter { $0 != "." }
        if kept.isEmpty { throw reject("names the job's directory itself", hint: "give a file name") }
        return kept.joined(separator: "/")
    }

    /// True when `checkJobRelative` accepts the name.
    public static func isJobRelative(_ name: String) -> Bool {
        (try? checkJobRelative(name, what: "name")) != nil
    }
}
