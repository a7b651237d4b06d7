import Foundation
import Testing
import GridMiddleware
@testable import GridStore

/// What kill -9 leaves: the database file and its WAL as the kernel has them, the process
/// gone mid-way. Simulated by copying both files while the store is still open (no close,
/// no checkpoint) and opening the copy.
struct CrashSafetyTests {
    static func copyDatabase(from source: String, to directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = directory.appendingPathComponent("gwd.db").path
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
        return target
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func committedTransactionsSurviveAProcessThatNeverClosedTheStore() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let array = try store.submitArray(submission(), ArraySpec(tasks: 300), at: t0)
        try store.run(array.jobIDs[0], on: worker1, from: t0)
        try store.apply(.dispatch(worker2), to: array.jobIDs[1], at: t0 + 1)
        try store.free([array.jobIDs[0]], at: t0 + 60)
        #expect(Self.size(fixture.databasePath + "-wal") > 0)  // the commits are in the WAL, not yet checkpointed

        let copyPath = try Self.copyDatabase(from: fixture.databasePath, to: fixture.directory.appendingPathComponent("crash"))
        let reopened = try JobStore(path: copyPath)
        #expect(try reopened.jobs() == store.jobs())
        #expect(try reopened.jobs().count == 299)
        #expect(try reopened.recover().map(\.id) == Array(array.jobIDs.dropFirst()))
        #expect(try reopened.recover().first?.lifecycle.state == .prolog)
        #expect(try reopened.nextJobID() == 300)
        #expect(try reopened.userAccounting() == store.userAccounting())
    }

    @Test func aTransactionCutShortLeavesNoTraceAndNoIDs() throws {
        let fixture = try StoreFixture()
        let crashDirectory = fixture.directory.appendingPathComponent("crash")
        let walAtCrash = Counter()
        let databasePath = fixture.databasePath
        let crash = Flag()
        let store = try fixture.open(faultInjection: { point in
            guard point == "submit.inserted", crash.value else { return }
            // The process "dies" here: 1000 tasks inserted, the transaction not committed.
            _ = try Self.copyDatabase(from: databasePath, to: crashDirectory)
            for _ in 0..<Self.size(crashDirectory.appendingPathComponent("gwd.db-wal").path) { _ = walAtCrash.next() }
            throw InjectedCrash()
        })
        _ = try store.submit(submission(), at: t0)
        // A small page cache makes SQLite spill the uncommitted pages into the WAL, as a big
        // array would on a busy head node: recovery must ignore frames without a commit.
        _ = try store.writerPragma("cache_size = 8")
        let walBefore = Self.size(fixture.databasePath + "-wal")
        crash.value = true
        #expect(throws: StoreError.self) { _ = try store.submitArray(submission(), ArraySpec(tasks: 1000), at: t0) }
        #expect(walAtCrash.next() - 1 > walBefore, "the uncommitted array should have reached the WAL")

        let reopened = try JobStore(path: crashDirectory.appendingPathComponent("gwd.db").path)
        #expect(try reopened.jobs().map(\.id) == [0])
        #expect(try reopened.nextJobID() == 1)
        #expect(try reopened.rowCount("arrays") == 0 && reopened.rowCount("state_changes") == 1)
        #expect(try reopened.submitArray(submission(), ArraySpec(tasks: 2), at: t0).jobIDs == [1, 2])
        #expect(try reopened.writerPragma("integrity_check") == "ok")
    }
}
