/// Where a file named in a template lives, as GridWay reads it.
public enum FileLocation: Sendable, Hashable {
    /// A path relative to the template's directory on the head node; staged.
    case relative(String)
    /// `file:///abs/path` on the head node; staged.
    case fileURL(path: String)
    /// `gsiftp://host/path`, served by vgrid's transfer service; staged.
    case gsiftp(host: String, path: String)
    /// An absolute path on the execution host; not staged, it must exist there.
    case absolute(String)

    /// Classifies `text`; throws `.invalidValue` for an empty path or an unsupported URL.
    public init(parsing text: String) throws {
        if text.isEmpty {
            throw MiddlewareError(.invalidValue, "a file name is empty")
        }
        if let rest = text.dropPrefix("file://") {
            guard rest.hasPrefix("/") else {
                throw MiddlewareError(.invalidValue, "'\(text)' is not a file URL with an absolute path",
                                      hint: "write file:///absolute/path (three slashes)")
            }
            self = .fileURL(path: String(rest))
        } else if let rest = text.dropPrefix("gsiftp://") {
            let host = rest.prefix { $0 != "/" }
            let path = rest.dropFirst(host.count)
            guard !host.isEmpty, !path.isEmpty else {
                throw MiddlewareError(.invalidValue, "'\(text)' needs a host and a path",
                                      hint: "write gsiftp://host/path")
            }
            self = .gsiftp(host: String(host), path: String(path))
        } else if let scheme = text.range(of: "://") {
            throw MiddlewareError(.invalidValue,
                                  "unsupported URL scheme '\(text[..<scheme.lowerBound])' in '\(text)'",
                                  hint: "use a relative path, an absolute path, file:/// or gsiftp://")
        } else if text.hasPrefix("/") {
            self = .absolute(text)
        } else {
            self = .relative(text)
        }
    }

    /// True when the file is copied to the execution host (everything but `.absolute`).
    public var isStaged: Bool {
        if case .absolute = self { return false }
        return true
    }

    /// The last path component: the default name of a staged input in the job directory.
    public var lastComponent: String {
        let path: String
        switch self {
        case .relative(let p), .absolute(let p), .fileURL(let p): path = p
        case .gsiftp(_, let p): path = p
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
