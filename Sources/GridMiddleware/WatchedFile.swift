import Foundation

/// A configuration file as it is on disk now: parsed again whenever its modification time or
/// size changes, so daemons pick up an edit (a grid-mapfile entry, a grown host.list) without a
/// restart, and do not re-read an unchanged file on every use.
public final class WatchedFile<Value: Sendable>: @unchecked Sendable {
    public let path: String
    private let parse: @Sendable (String) throws -> Value
    private let lock = NSLock()
    private var stamp: Stamp?
    private var value: Value?
    private var generation = 0

    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
    }

    /// `parse` gets the file's text; what it throws reaches the caller of `current()`.
    public init(path: String, parse: @escaping @Sendable (String) throws -> Value) {
        self.path = path
        self.parse = parse
    }

    /// The file's current value; throws when it cannot be read or parsed (the last good value
    /// is not used: a broken file must be noticed).
    public func current() throws -> Value {
        try refresh().value
    }

    /// The value when it changed since the previous call of `changes()`, else nil.
    public func changes(since seen: inout Int) throws -> Value? {
        let (value, generation) = try refresh()
        guard generation != seen else { return nil }
        seen = generation
        return value
    }

    private func refresh() throws -> (value: Value, generation: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw MiddlewareError(.unreadableFile, "\(path) cannot be read: \(String(cString: strerror(errno)))",
                                  hint: "check that the file exists and is readable")
        }
        let now = Stamp(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), size: Int(info.st_size))
        return try lock.withLock {
            if let value, stamp == now { return (value, generation) }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let fresh = try parse(text)
            value = fresh
            stamp = now
            generation += 1
            return (fresh, generation)
        }
    }
}
