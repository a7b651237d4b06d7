import Foundation
import GridCA
import GridMiddleware

/// The grid-mapfile as it is on disk now, so `grid-mapfile-add-entry` takes effect on the next
/// connection without restarting the daemon.
public final class GridMapWatcher: Sendable {
    public var path: String { file.path }
    private let file: WatchedFile<GridMapFile>

    public init(path: String) {
        file = WatchedFile(path: path) { try GridMapFile(parsing: $0, location: path) }
    }

    /// The current mappings; throws when the file is missing or malformed (then nobody is admitted).
    public func current() throws -> GridMapFile {
        do {
            return try file.current()
        } catch let error as MiddlewareError where error.code == .unreadableFile {
            throw GatekeeperError(.configuration, "the grid-mapfile \(path) cannot be read",
                                  hint: "create it with grid-mapfile-add-entry -dn DN -ln USER")
        }
    }
}
