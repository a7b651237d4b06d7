import Foundation
import Testing
import GridMiddleware
@testable import GridStore

#if os(Linux)
/// A real kill -9: the test binary runs itself again as a writer (`KillNineChild`), which
/// submits arrays and dispatches jobs as fast as it can and prints each commit; the test
/// kills it with SIGKILL mid-way and checks what the database kept.
struct KillNineTests {
    static let databaseVariable = "GRIDSTORE_KILL9_DATABASE"
    /// Big enough that the child spends most of its time inside an array's transaction.
    static let tasks = 100

    @Test func killNineKeepsEveryCommittedJobAndNoHalfArray() throws {
        let fixture = try StoreFixture()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = ["--testing-library", "swift-testing", "--filter", "GridStoreTests.KillNineChild"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.databaseVariable: fixture.databasePath]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()

        var committed: [(array: Int, ids: ClosedRange<Int>, dispatched: Int)] = []
        var buffer = ""
        let started = Date()
        let deadline = started + 60
        while committed.count < 20, Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }  // the child ended on its own
            buffer += String(decoding: data, as: UTF8.self)
            while let newline = buffer.firstIndex(of: "\n") {
                let fields = buffer[..<newline].split(separator: " ")
                buffer.removeSubrange(...newline)
                guard fields.count == 5, fields[0] == "GRIDSTORE-COMMITTED", let values = Optional(fields[1...].compactMap { Int($0) }),
                      values.count == 4 else { continue }
                committed.append((values[0], values[1]...values[2], values[3]))
            }
        }
        // Kill at a random point of the next round, not right after a report: most of a
        // round is the array's transaction, so the kill usually lands inside one.
        let round = Date().timeIntervalSince(started) / Double(max(1, committed.count))
        Thread.sleep(forTimeInterval: round * .random(in: 0.2...0.8))
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)
        try #require(committed.count >= 20, "the writer child reported \(committed.count) commits; is the KillNineChild filter right?")

        let store = try fixture.open(view: false)
        #expect(try store.writerPragma("integrity_check") == "ok")
        let jobs = try store.jobs()
        let byID = Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0) })
        for commit in committed {
            #expect(commit.ids.allSatisfy { byID[$0]?.arrayID == commit.array })
            #expect(byID[commit.dispatched]?.state == .prolog)
        }
        // Whatever committed after the last report is whole too: every array has all its tasks.
        let tasksPerArray = Dictionary(grouping: jobs, by: { $0.arrayID ?? -1 }).mapValues(\.count)
        #expect(tasksPerArray.values.allSatisfy { $0 == Self.tasks })
        #expect(jobs.map(\.id) == Array(0..<jobs.count))
        let last = try #require(committed.last)
        #expect(try store.nextJobID() == jobs.count && jobs.count > last.ids.upperBound)
        // The ids handed out before the crash are never handed out again.
        #expect(try store.submit(submission(), at: t0).id == jobs.count)
    }
}

/// The writer run by `KillNineTests` in a child process; skipped in a normal test run.
struct KillNineChild {
    @Test(.enabled(if: ProcessInfo.processInfo.environment[KillNineTests.databaseVariable] != nil))
    func writeUntilKilled() throws {
        let path = try #require(ProcessInfo.processInfo.environment[KillNineTests.databaseVariable])
        let store = try JobStore(path: path)
        let out = FileHandle.standardOutput
        for round in 0..<100_000 {
            let array = try store.submitArray(submission(), ArraySpec(tasks: KillNineTests.tasks), at: t0 + Double(round))
            let first = array.jobIDs[0]
            try store.apply(.dispatch(worker1), to: first, at: t0 + Double(round))
            out.write(Data("GRIDSTORE-COMMITTED \(array.arrayID) \(first) \(array.jobIDs.last!) \(first)\n".utf8))
        }
    }
}
#endif
