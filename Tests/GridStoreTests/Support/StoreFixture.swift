import Foundation
import Testing
import GridMiddleware
@testable import GridStore

/// A scratch directory with a store in it, removed when the fixture goes away.
final class StoreFixture {
    let directory: URL
    var databasePath: String { directory.appendingPathComponent("gwd.db").path }
    var viewRoot: URL { directory.appendingPathComponent("var", isDirectory: true) }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridstore-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Opens the store on disk, with the view under `var/` in UTC.
    func open(view: Bool = true, retention: JobStore.ViewRetention = .remove, durability: JobStore.Durability = .full,
              onViewError: (@Sendable (StoreError) -> Void)? = nil,
              faultInjection: (@Sendable (String) throws -> Void)? = nil) throws -> JobStore {
        var configuration = JobStore.Configuration(durability: durability, viewRoot: view ? viewRoot : nil,
                                                   viewRetention: retention, timeZone: utc, onViewError: onViewError)
        configuration.faultInjection = faultInjection
        return try JobStore(path: databasePath, configuration: configuration)
    }

    func text(_ jobID: Int, _ file: String) -> String? {
        try? String(contentsOf: viewRoot.appendingPathComponent("\(jobID)/\(file)"), encoding: .utf8)
    }

    func viewExists(_ jobID: Int) -> Bool {
        FileManager.default.fileExists(atPath: viewRoot.appendingPathComponent("\(jobID)").path)
    }
}

let utc = TimeZone(identifier: "UTC")!
/// 2026-03-05 12:31:49 UTC, a Thursday.
let t0 = Date(timeIntervalSince1970: 1_772_713_909)

let alice = JobOwner(user: "alice", uid: 1001, dn: "/O=Grid/OU=vgrid/CN=Alice")
let bob = JobOwner(user: "bob", uid: 1002, dn: "/O=Grid/OU=vgrid/CN=Bob")
let worker1 = HostRef(id: 0, name: "worker1")
let worker2 = HostRef(id: 1, name: "worker2", lrms: "pbs", queue: "batch")

func template(_ name: String = "sleep.jt", retries: Int = 1, reschedule: Bool = true) throws -> JobTemplate {
    try JobTemplate.parse("""
        EXECUTABLE = /bin/sleep
        ARGUMENTS = ${PARAM}
        NUMBER_OF_RETRIES = \(retries)
        RESCHEDULE_ON_FAILURE = \(reschedule ? "yes" : "no")
        """, file: name)
}

func submission(_ owner: JobOwner = alice, name: String = "sleep.jt", dependencies: [Int]? = nil, held: Bool = false,
                retries: Int = 1) throws -> JobSubmission {
    JobSubmission(owner: owner, template: try template(name, retries: retries), dependencies: dependencies, held: held)
}

extension JobStore {
    /// Applies `event` to job `id` at `time` and records the result, as gwd does.
    @discardableResult
    func apply(_ event: JobEvent, to id: Int, at time: Date) throws -> [JobAction] {
        var job = try #require(try jobRecord(id)).lifecycle
        let actions = try job.handle(event, at: time)
        try record(job, actions: actions, at: time)
        return actions
    }

    /// Runs job `id` on `host` from dispatch to done with exit code `code`: 5 s prolog, 30 s
    /// wrapper, 2 s epilog from `start`.
    func run(_ id: Int, on host: HostRef, from start: Date, exitCode code: Int = 0) throws {
        try apply(.dispatch(host), to: id, at: start)
        try apply(.prologDone, to: id, at: start + 5)
        try apply(.started, to: id, at: start + 6)
        try apply(.exited(code: code), to: id, at: start + 35)
        try apply(.epilogDone, to: id, at: start + 37)
    }
}

/// A value the fault-injection closures can set from the database's queue.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var _value = false
    var value: Bool {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}

/// Errors reported by the view, collected for assertions.
final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _errors: [StoreError] = []
    var errors: [StoreError] { lock.withLock { _errors } }
    func append(_ error: StoreError) { lock.withLock { _errors.append(error) } }
}

struct InjectedCrash: Error {}
