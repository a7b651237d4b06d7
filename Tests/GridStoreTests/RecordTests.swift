import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct RecordTests {
    @Test func aRunIsRecordedAsStatesHistoryLogAndAccounting() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(), at: t0).id
        try store.run(id, on: worker1, from: t0 + 10)
        #expect(try store.stateChanges(of: id).map(\.state) == [.pending, .prolog, .wrapper, .epilog, .done])
        #expect(try store.stateChanges(of: id).map(\.time) == [t0, t0 + 10, t0 + 15, t0 + 45, t0 + 47])
        let history = try store.history(of: id)
        #expect(history.count == 1)
        #expect(history.first?.host == worker1 && history.first?.reason == HistoryReason.none)
        #expect(history.first?.wrapperSeconds(now: .distantFuture) == 30)
        #expect(history == (try store.jobRecord(id)?.lifecycle.history))
        let job = try #require(try store.job(id))
        #expect(job.state == .done && job.exitCode == 0 && job.outcome == .done(exitCode: 0))
        #expect(job.executionSeconds(now: .distantFuture) == 30 && job.transferSeconds(now: .distantFuture) == 7)
        #expect(job.host?.contact == "worker1/fork" && job.exitTime == t0 + 47)
        let log = try store.log(of: id).map(\.message)
        #expect(log.first == "New state is PENDING." && log.last == "Job done, exit code 0.")
        #expect(try store.userAccounting() == [UserAccounting(user: "alice", submitted: 1, done: 1, executionSeconds: 30,
                                                             transferSeconds: 7, wallSeconds: 47)])
        #expect(try store.hostAccounting() == [HostAccounting(user: "alice", host: "worker1", hostID: 0, attempts: 1,
                                                             succeeded: 1, prologSeconds: 5, wrapperSeconds: 30, epilogSeconds: 2)])
    }

    @Test func aFailureIsRetriedOnAnotherHostWithAWarningAndAccounted() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(retries: 1), at: t0).id
        try store.apply(.dispatch(worker1), to: id, at: t0 + 1)
        try store.apply(.prologDone, to: id, at: t0 + 6)
        try store.apply(.infrastructureFailure(reason: "gatekeeper refused the wrapper"), to: id, at: t0 + 11)
        let retry = try #require(try store.stateChanges(of: id).last)
        #expect(retry.state == .pending)
        #expect(retry.reason == "infrastructure failure on worker1: gatekeeper refused the wrapper; rescheduling (retry 1 of 1)")
        let warning = try #require(try store.log(of: id).last)
        #expect(warning.level == .warning && warning.message == retry.reason)
        try store.run(id, on: worker2, from: t0 + 20)
        let history = try store.history(of: id)
        #expect(history.map(\.host) == [worker1, worker2])
        #expect(history.map(\.reason) == [.error, .none])
        #expect(history[0].message == "infrastructure failure on worker1: gatekeeper refused the wrapper")
        // The retry's reason is on its own state row only, not repeated on the rows after it.
        #expect(try store.stateChanges(of: id).map { $0.reason != nil } == [false, false, false, true, false, false, false, false])
        #expect(try store.job(id)?.restarted == 1)
        #expect(try store.job(id)?.failures == 1)
        #expect(try store.hostAccounting(user: "alice").map { [$0.host: [$0.attempts, $0.succeeded, $0.failed]] }
                == [["worker1": [1, 0, 1]], ["worker2": [1, 1, 0]]])
        // 5 s of wrapper on worker1 before the failure, 30 s on worker2; 5 + 5 + 2 s of transfers.
        #expect(try store.userAccounting(user: "alice").first.map { [$0.done, $0.executionSeconds, $0.transferSeconds] } == [1, 35, 12])
    }

    @Test func aFailureBeyondTheRetriesIsLoggedAsAnError() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(retries: 0), at: t0).id
        try store.apply(.dispatch(worker1), to: id, at: t0 + 1)
        try store.apply(.infrastructureFailure(reason: "no space left in /tmp"), to: id, at: t0 + 2)
        let job = try #require(try store.job(id))
        #expect(job.state == .failed && job.stateLetter == "f")
        let reason = "infrastructure failure on worker1: no space left in /tmp; gave up after 1 attempt (NUMBER_OF_RETRIES = 0)"
        #expect(job.outcome == .failed(reason: reason) && job.note == reason)
        #expect(try store.log(of: id).last == JobLogEntry(time: t0 + 2, level: .error, "Job failed: \(reason)"))
        #expect(try store.userAccounting().first?.failed == 1)
    }

    @Test func aRunningJobCountsItsTimeUntilNowLikeTheStateMachine() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(), at: t0).id
        try store.apply(.dispatch(worker2), to: id, at: t0 + 1)
        try store.apply(.prologDone, to: id, at: t0 + 6)
        try store.apply(.started, to: id, at: t0 + 7)
        let record = try #require(try store.jobRecord(id))
        let now = t0 + 106
        #expect(record.summary.executionSeconds(now: now) == 100 && record.summary.transferSeconds(now: now) == 5)
        let expected = JobStatus(record.lifecycle, template: record.template, user: "alice", uid: 1001, fixedPriority: 0, now: now)
        #expect(record.summary.status(now: now) == expected)
        #expect(record.summary.status(now: now).executionState == .active)
    }

    @Test func aBatchOfChangesIsAllOrNothing() throws {
        let fixture = try StoreFixture()
        let crashOnSecond = Flag()
        let count = Counter()
        let store = try fixture.open(faultInjection: { point in
            if point == "record.updated", crashOnSecond.value, count.next() == 2 { throw InjectedCrash() }
        })
        let ids = try store.submit([submission(), submission()], at: t0).map(\.id)
        var changes: [LifecycleChange] = []
        for id in ids {
            var job = try #require(try store.jobRecord(id)).lifecycle
            let actions = try job.handle(.dispatch(worker1), at: t0 + 1)
            changes.append(LifecycleChange(job, actions: actions))
        }
        crashOnSecond.value = true
        #expect(throws: StoreError.self) { try store.record(changes, at: t0 + 1) }
        #expect(try store.jobs().map(\.state) == [.pending, .pending])
        #expect(try store.rowCount("history") == 0)
        #expect(try store.rowCount("state_changes") == 2)
        crashOnSecond.value = false
        try store.record(changes, at: t0 + 1)
        #expect(try store.jobs().map(\.state) == [.prolog, .prolog])
    }

    @Test func recordingAJobThatIsNotInTheStoreFails() throws {
        let store = try JobStore.inMemory()
        var job = JobLifecycle(jobID: 42)
        let actions = try job.handle(.submit(), at: t0)
        let error = #expect(throws: StoreError.self) { try store.record(job, actions: actions, at: t0) }
        #expect(error?.code == .unknownJob && error?.jobID == 42)
    }

    @Test func daemonMessagesGoToTheJobLog() throws {
        let store = try JobStore.inMemory()
        let id = try store.submit(submission(), at: t0).id
        try store.appendLog([JobLogEntry(time: t0 + 1, module: "TM", level: .error, "could not copy input.dat")], to: id)
        #expect(try store.log(of: id).last == JobLogEntry(time: t0 + 1, module: "TM", level: .error, "could not copy input.dat"))
    }
}

/// Counts calls, from the database's queue.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
