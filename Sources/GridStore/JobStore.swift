import Foundation
import GRDB
import GridMiddleware

/// gwd's persistent state: jobs, arrays, dependencies, history, logs and accounting in one
/// SQLite database (GRDB), plus GridWay's teaching view `var/<jid>/` written alongside.
///
/// **The database is the truth.** Every change is one transaction: a submission (all N
/// tasks of an array, their ids and their first state), a state change (the serialized
/// state machine, the `job.state` row, history, log lines, accounting), a free. The view
/// directory is written after the commit, in order, on a background queue; it may lag, and
/// after a crash `rebuildView(jobID:)` rewrites it from the database.
///
/// **Ids.** Job and array ids come from the `counters` table, incremented in the same
/// transaction that inserts the jobs. A counter never goes down, so an id is never handed
/// out twice: not after its job is freed, not after a restart, not after kill -9.
///
/// **What survives a crash.** The database runs in WAL mode. A transaction is durable once
/// `submit`/`record`/`free` returns:
/// - kill -9 of gwd (or any crash of the process): every committed transaction survives
///   with either durability setting, because the commit has been written to the WAL file
///   through the kernel; a transaction under way is rolled back as a whole (an array is
///   all there or not at all). Only the view files may miss the last lines.
/// - power loss or a destroyed VM (`virsh destroy` of the head node, common in labs): with
///   `.full` (the default, `PRAGMA synchronous=FULL`) the WAL is fsynced at each commit, so
///   a committed transaction — and the ids it handed out — survives too. With `.normal` the
///   last transactions before the power loss may be lost (the database stays consistent),
///   so an id that gwsubmit already printed could be handed out again.
/// vgrid picks `.full`: a commit costs one fsync, an array of 1000 tasks is one commit, and
/// a teaching grid never writes fast enough for that to matter.
public final class JobStore: Sendable {
    /// How hard a commit waits for the disk.
    public enum Durability: String, Sendable, Hashable {
        /// `synchronous=FULL`: committed transactions survive power loss (the default).
        case full
        /// `synchronous=NORMAL`: committed transactions survive a process crash, not a power loss.
        case normal
    }

    /// What happens to `var/<jid>/` when a job is freed.
    public enum ViewRetention: String, Sendable, Hashable {
        /// Removed with the job (the default).
        case remove
        /// Kept (for a lab that wants students to look at finished jobs).
        case keep
        /// Kept for failed and killed jobs, removed for done ones.
        case keepFailed
    }

    /// How the store is opened: durability, the view and what happens to it, the log's time zone.
    public struct Configuration: Sendable {
        public var durability: Durability
        /// The `var/` directory that receives one `<jid>/` directory per job; nil writes no view.
        public var viewRoot: URL?
        public var viewRetention: ViewRetention
        /// The time zone of `job.log` and `job.history` times.
        public var timeZone: TimeZone
        /// Called (on the view's queue) when the view could not be written.
        public var onViewError: (@Sendable (StoreError) -> Void)?
        /// Tests: called at named points inside transactions (`"submit.inserted"`).
        var faultInjection: (@Sendable (String) throws -> Void)?

        public init(durability: Durability = .full, viewRoot: URL? = nil, viewRetention: ViewRetention = .remove,
                    timeZone: TimeZone = .current, onViewError: (@Sendable (StoreError) -> Void)? = nil) {
            self.durability = durability
            self.viewRoot = viewRoot
            self.viewRetention = viewRetention
            self.timeZone = timeZone
            self.onViewError = onViewError
        }
    }

    let writer: any DatabaseWriter
    let view: JobView?
    public let configuration: Configuration
    /// The database file; nil for an in-memory store.
    public let path: String?

    /// Opens (creating and migrating when needed) the database at `path`.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws {
        let pool: DatabasePool
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: Self.grdbConfiguration())
            // GRDB's WAL set-up chooses NORMAL after our prepareDatabase ran: choose again.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(configuration.durability == .full ? "FULL" : "NORMAL")")
            }
        } catch {
            throw StoreError(.openFailed, "could not open the job database \(path)",
                             hint: "check that the directory exists and is writable by gwd", underlying: error)
        }
        try self.init(writer: pool, path: path, configuration: configuration)
    }

    /// A store in memory (tests, fakes): same schema and behaviour, nothing on disk but the view.
    public static func inMemory(configuration: Configuration = Configuration()) throws -> JobStore {
        do {
            return try JobStore(writer: DatabaseQueue(configuration: grdbConfiguration()), path: nil,
                                configuration: configuration)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.openFailed, "could not create an in-memory job database", underlying: error)
        }
    }

    init(writer: any DatabaseWriter, path: String?, configuration: Configuration) throws {
        self.writer = writer
        self.path = path
        self.configuration = configuration
        self.view = configuration.viewRoot.map { JobView(root: $0, onError: configuration.onViewError) }
        do {
            try Self.migrator.migrate(writer)
            try writer.write { db in try Self.repairCounters(db) }
        } catch {
            throw StoreError(.openFailed, "could not prepare the job database \(path ?? ":memory:")",
                             hint: "a database written by a newer vgrid cannot be opened by an older one", underlying: error)
        }
    }

    static func grdbConfiguration() -> GRDB.Configuration {
        var config = GRDB.Configuration()
        config.label = "GridStore"
        // gwd is the only writer; a second process (sqlite3 CLI) gets a few seconds before SQLITE_BUSY.
        config.busyMode = .timeout(5)
        return config
    }

    /// Waits until the teaching view has every write queued so far.
    public func flushView() { view?.flush() }

    /// The `var/<jid>/` directory of a job; nil when the store writes no view.
    public func viewDirectory(of jobID: Int) -> URL? { view?.directory(of: jobID) }

    /// Where the wrapper's streams of attempt `attempt` (0 for the first host) go:
    /// `var/<jid>/stdout.wrapper.N` and `stderr.wrapper.N`. Creates the directory.
    public func wrapperStreams(of jobID: Int, attempt: Int) throws -> (stdout: URL, stderr: URL)? {
        guard let view else { return nil }
        do {
            try view.makeDirectory(jobID)
        } catch {
            throw StoreError(.viewWriteFailed, "could not create the directory of job \(jobID)", jobID: jobID, underlying: error)
        }
        let directory = view.directory(of: jobID)
        return (directory.appendingPathComponent("stdout.wrapper.\(attempt)"),
                directory.appendingPathComponent("stderr.wrapper.\(attempt)"))
    }

    /// Appends to `stdout.wrapper.N` or `stderr.wrapper.N` of a job: what happened on its host
    /// during attempt N, for students reading `var/<jid>/` (view only, like GridWay's files).
    public func appendWrapperStream(of jobID: Int, attempt: Int, error: Bool = false, _ lines: [String]) {
        view?.perform([.appendNamed(jobID, "\(error ? "stderr" : "stdout").wrapper.\(attempt)", lines)])
    }

    /// Runs `body` in one write transaction, mapping failures to `StoreError`.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.databaseFailed, "could not \(what)", hint: "check free disk space and the database file's permissions",
                             underlying: error)
        }
    }

    /// Runs `body` with a consistent read-only view of the database.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.databaseFailed, "could not \(what)", underlying: error)
        }
    }

    func inject(_ point: String) throws { try configuration.faultInjection?(point) }

    /// Tests and diagnostics: runs `PRAGMA sql` on the writer's connection; returns the first value.
    func writerPragma(_ sql: String) throws -> String? {
        try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(sql)") }
    }

    /// Tests and diagnostics: runs `sql` in a write transaction.
    func execute(sql: String) throws {
        try writer.write { db in try db.execute(sql: sql) }
    }

    /// Tests and diagnostics: the number of rows of `table`.
    func rowCount(_ table: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}
