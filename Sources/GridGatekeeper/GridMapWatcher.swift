import Foundation
import GridCA

/// The grid-mapfile as it is on disk now: read again whenever its modification time or size changes,
/// so `grid-mapfile-add-entry` takes effect on the next connection without restarting the daemon.
public final class GridMapWatcher: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var stamp: Stamp?
    private var map: GridMapFile?

    private struct Stamp: Equatable {
        var modified: timespec
        var size: Int

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec && a.size == b.size
        }
    }

    public init(path: String) {
        self.path = path
    }

    /// The current mappings; throws when the file is missing or malformed (then nobody is admitted).
    public func current() throws -> GridMapFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw GatekeeperError(.configuration, "the grid-mapfile \(path) cannot be read",
                                  hint: "create it with grid-mapfile-add-entry -dn DN -ln USER")
        }
        let now = Stamp(modified: info.st_mtim, size: Int(info.st_size))
        return try lock.withLock {
            if let map, stamp == now { return map }
            let fresh = try GridMapFile.load(URL(fileURLWithPath: path))
            map = fresh
            stamp = now
            return fresh
        }
    }
}
