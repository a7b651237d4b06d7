import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct FreeTests {
    @Test func freeingRemovesTheRowsAndTheDirectory() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(), at: t0).id
        let other = try store.submit(submission(), at: t0).id
        try store.run(id, on: worker1, from: t0)
        store.flushView()
        #expect(fixture.viewExists(id))
        #expect(try store.free([id], at: t0 + 60) == [id])
        store.flushView()
        #expect(!fixture.viewExists(id) && fixture.viewExists(other))
        #expect(try store.job(id) == nil)
        #expect(throws: StoreError.self) { _ = try store.history(of: id) }
        for table in ["history", "job_dependencies"] { #expect(try store.rowCount(table) == 0) }
        #expect(try store.stateChanges(of: other).count == 1)
        #expect(try store.rowCount("state_changes") == 1 && store.rowCount("job_log") == 1)
        // Accounting and the tombstone stay.
        #expect(try store.userAccounting().first?.done == 1)
        #expect(try store.hostAccounting().first?.succeeded == 1)
        #expect(try store.dependencyStatus(of: [id, other, 99]) == [id: .finished(.done(exitCode: 0)), other: .active(.pending), 99: .unknown])
    }

    @Test func freeingAnUnfinishedJobFailsAndFreesNothing() throws {
        let store = try JobStore.inMemory()
        let done = try store.submit(submission(), at: t0).id
        try store.run(done, on: worker1, from: t0)
        let pending = try store.submit(submission(), at: t0).id
        let error = #expect(throws: StoreError.self) { try store.free([done, pending], at: t0 + 60) }
        #expect(error?.code == .wrongJobState && error?.jobID == pending)
        #expect(try store.jobs().map(\.id) == [done, pending])
    }

    @Test func freeingSkipsIDsNotInTheStore() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(), at: t0).id
        try store.apply(.kill, to: id, at: t0 + 1)
        #expect(try store.free([id, 12], at: t0 + 2) == [id])
        #expect(try store.free([id], at: t0 + 3) == [])
    }

    @Test func freeingTheLastTaskRemovesTheArrayButNotItsID() throws {
        let store = try JobStore.inMemory()
        let array = try store.submitArray(submission(), ArraySpec(tasks: 2), at: t0)
        for id in array.jobIDs { try store.apply(.kill, to: id, at: t0 + 1) }
        try store.free([array.jobIDs[0]], at: t0 + 2)
        #expect(try store.rowCount("arrays") == 1)
        try store.free([array.jobIDs[1]], at: t0 + 2)
        #expect(try store.rowCount("arrays") == 0)
        #expect(try store.submitArray(submission(), ArraySpec(tasks: 1), at: t0).arrayID == array.arrayID + 1)
    }

    @Test func aWholeArrayOfAThousandTasksIsFreedAtOnce() throws {
        let store = try JobStore.inMemory()
        let array = try store.submitArray(submission(), ArraySpec(tasks: 1000), at: t0)
        var changes: [LifecycleChange] = []
        for record in try store.recover() {
            var job = record.lifecycle
            let actions = try job.handle(.kill, at: t0 + 1)
            changes.append(LifecycleChange(job, actions: actions))
        }
        try store.record(changes, at: t0 + 1)
        #expect(try store.free(store.jobs(matching: JobFilter(arrayID: array.arrayID)).map(\.id), at: t0 + 2) == array.jobIDs)
        #expect(try store.rowCount("jobs") == 0 && store.rowCount("arrays") == 0 && store.rowCount("freed_jobs") == 1000)
        #expect(try store.userAccounting().first?.killed == 1000)
    }

    @Test(arguments: [(JobStore.ViewRetention.keep, true, true), (.keepFailed, false, true), (.remove, false, false)])
    func retentionDecidesWhichDirectoriesStay(retention: JobStore.ViewRetention, keepsDone: Bool, keepsFailed: Bool) throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(retention: retention)
        let done = try store.submit(submission(), at: t0).id
        try store.run(done, on: worker1, from: t0)
        let killed = try store.submit(submission(), at: t0).id
        try store.apply(.kill, to: killed, at: t0 + 1)
        try store.free([done, killed], at: t0 + 60)
        store.flushView()
        #expect(fixture.viewExists(done) == keepsDone)
        #expect(fixture.viewExists(killed) == keepsFailed)
        #expect(try store.jobs().isEmpty)
    }
}
