import Foundation
import Testing
@testable import GridMiddleware

let worker1 = HostRef(id: 0, name: "worker1")
let worker2 = HostRef(id: 1, name: "worker2")

/// A job submitted at t0 and walked through events at one-second steps.
struct Walk {
    var job: JobLifecycle
    var now = t0

    init(_ options: JobLifecycle.Options = .init(), held: Bool = false, dependencies: Set<Int> = []) throws {
        job = JobLifecycle(jobID: 7, options: options)
        _ = try job.handle(held ? .submitHeld(dependencies: dependencies) : .submit(dependencies: dependencies), at: now)
    }

    @discardableResult
    mutating func step(_ event: JobEvent, after seconds: Double = 1) throws -> [JobAction] {
        now = now.plus(seconds)
        return try job.handle(event, at: now)
    }

    /// pend -> prol -> wrap on `host`.
    mutating func run(on host: HostRef = worker1) throws {
        try step(.dispatch(host))
        try step(.prologDone)
        try step(.started)
    }
}

struct JobLifecycleTests {
    @Test func runsThroughTheNormalLife() throws {
        var job = JobLifecycle(jobID: 7)
        #expect(try job.handle(.submit(), at: t0) == [.recordState(.pending), .requestSchedule])
        #expect(try job.handle(.dispatch(worker1), at: t0.plus(1)) == [.recordState(.prolog), .stageIn(worker1)])
        #expect(job.host == worker1)
        #expect(try job.handle(.prologDone, at: t0.plus(9)) == [.recordState(.wrapper), .submitWrapper(worker1)])
        #expect(job.executionState == .pending)
        #expect(try job.handle(.started, at: t0.plus(10)) == [])
        #expect(job.executionState == .active)
        #expect(try job.handle(.exited(code: 0), at: t0.plus(40)) == [.recordState(.epilog), .stageOut(worker1)])
        let actions = try job.handle(.epilogDone, at: t0.plus(48))
        #expect(job.state == .done && job.exitCode == 0 && job.outcome == .done(exitCode: 0))
        #expect(actions.first == .recordState(.done))
        #expect(actions.suffix(2) == [.notifyDependants(.done(exitCode: 0)), .notifyWaiters])
        #expect(job.executionSeconds(now: t0.plus(100)) == 31)
        #expect(job.transferSeconds(now: t0.plus(100)) == 16)
        #expect(job.exitTime == t0.plus(48) && job.host == nil)
        let record = try #require(job.history.first)
        #expect(job.history.count == 1 && record.end == t0.plus(48) && record.reason == .none)
        #expect(actions.contains(.appendHistory(record)))
    }

    @Test func aNonZeroExitIsStillDone() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.exited(code: 3))
        try walk.step(.epilogDone)
        #expect(walk.job.state == .done && walk.job.exitCode == 3)
        #expect(walk.job.outcome == .done(exitCode: 3))
    }

    @Test func anInfrastructureFailureReschedulesUpToTheRetriesThenFails() throws {
        var walk = try Walk(.init(rescheduleOnFailure: true, numberOfRetries: 1))
        try walk.run(on: worker1)
        let first = try walk.step(.infrastructureFailure(reason: "gatekeeper refused the job"))
        #expect(walk.job.state == .pending && walk.job.failures == 1)
        #expect(first.contains(.reportHostFailure(worker1)) && first.contains(.discardRemote(worker1)))
        #expect(first.last == .requestSchedule)
        #expect(walk.job.note == "infrastructure failure on worker1: gatekeeper refused the job; rescheduling (retry 1 of 1)")
        try walk.step(.dispatch(worker2))
        #expect(walk.job.restarted == 1)
        let second = try walk.step(.infrastructureFailure(reason: "missing output out.txt"))
        #expect(walk.job.state == .failed)
        #expect(walk.job.failureReason == "infrastructure failure on worker2: missing output out.txt; gave up after 2 attempts (NUMBER_OF_RETRIES = 1)")
        let reason = try #require(walk.job.failureReason)
        #expect(second.contains(.notifyDependants(.failed(reason: reason))))
        #expect(walk.job.history.map(\.reason) == [.error, .error])
        #expect(walk.job.history.map(\.host) == [worker1, worker2])
    }

    @Test func failsAtOnceWhenReschedulingIsOff() throws {
        var walk = try Walk(.init(rescheduleOnFailure: false, numberOfRetries: 5))
        try walk.run()
        try walk.step(.infrastructureFailure(reason: "disk full"))
        #expect(walk.job.state == .failed)
        #expect(walk.job.failureReason == "infrastructure failure on worker1: disk full; RESCHEDULE_ON_FAILURE is no")
    }

    @Test func zeroRetriesFailsOnTheFirstFailure() throws {
        var walk = try Walk(.init(numberOfRetries: 0))
        try walk.step(.dispatch(worker1))
        try walk.step(.infrastructureFailure(reason: "no route"))
        #expect(walk.job.state == .failed && walk.job.failures == 1)
    }

    @Test func aFailedStageOutRunsTheJobAgain() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.exited(code: 0))
        try walk.step(.infrastructureFailure(reason: "output result.dat is missing"))
        #expect(walk.job.state == .pending && walk.job.exitCode == nil)
    }

    @Test func aJobsOwnFaultIsRetriedWithoutBlamingTheHost() throws {
        var walk = try Walk(.init(rescheduleOnFailure: true, numberOfRetries: 1))
        try walk.run(on: worker1)
        try walk.step(.exited(code: 0))
        let actions = try walk.step(.jobFault(reason: "epilog failed: the program did not write result.dat"))
        #expect(walk.job.state == .pending && walk.job.failures == 1)
        #expect(!actions.contains(.reportHostFailure(worker1)), "the failure-rate ban is for host failures only")
        #expect(actions.contains(.discardRemote(worker1)))
    }

    @Test func aLostHostCountsAsAFailureWithoutACleanUp() throws {
        var walk = try Walk()
        try walk.run()
        let actions = try walk.step(.hostLost)
        #expect(walk.job.state == .pending)
        #expect(!actions.contains(.discardRemote(worker1)) && actions.contains(.reportHostFailure(worker1)))
        #expect(walk.job.history[0].message == "infrastructure failure on worker1: the host was lost")
    }

    @Test func killOfARunningJobCancelsCleansUpThenFrees() throws {
        var walk = try Walk()
        try walk.run()
        #expect(try walk.step(.kill) == [.recordState(.cancelling), .cancelWrapper(worker1)])
        #expect(walk.job.stateLetter == "k")
        #expect(try walk.step(.exited(code: 143)) == [.recordState(.epilog), .cleanUp(worker1)])
        let actions = try walk.step(.epilogDone)
        #expect(walk.job.state == .failed && walk.job.outcome == .killed && walk.job.failureReason == "killed by its owner")
        #expect(actions.suffix(3) == [.notifyDependants(.killed), .notifyWaiters, .free])
        #expect(walk.job.history[0].reason == .kill)
        #expect(walk.job.exitCode == nil)
    }

    @Test func killOfAPendingOrHeldJobFreesItAtOnce() throws {
        var pending = try Walk()
        #expect(try pending.step(.kill) == [.recordState(.failed), .notifyDependants(.killed), .notifyWaiters, .free])
        var held = try Walk(held: true)
        #expect(try held.step(.kill).last == .free)
    }

    @Test func killDuringPrologAbortsTransfers() throws {
        var walk = try Walk()
        try walk.step(.dispatch(worker1))
        #expect(try walk.step(.kill) == [.recordState(.epilog), .abortTransfers(worker1), .cleanUp(worker1)])
        try walk.step(.epilogDone)
        #expect(walk.job.outcome == .killed)
    }

    @Test func killOfAFinishedJobFreesIt() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.exited(code: 0))
        try walk.step(.epilogDone)
        #expect(try walk.step(.kill) == [.free])
        #expect(walk.job.state == .done)
    }

    @Test func holdAndReleaseWorkFromPendingOnly() throws {
        var walk = try Walk()
        #expect(try walk.step(.hold) == [.recordState(.hold)])
        #expect(try walk.step(.release) == [.recordState(.pending), .requestSchedule])
        try walk.run()
        let error = middlewareError { try walk.step(.hold) }
        #expect(error.code == .wrongJobState && error.message == "job 7 is wrap: cannot hold it")
        #expect(middlewareError { try walk.step(.release) }.code == .wrongJobState)
    }

    @Test func submitHeldWaitsForARelease() throws {
        var walk = try Walk(held: true)
        #expect(walk.job.state == .hold && walk.job.stateLetter == "h")
        try walk.step(.release)
        #expect(walk.job.state == .pending)
    }

    @Test func stopAndResumeStartAgainFromPending() throws {
        var walk = try Walk()
        try walk.run()
        #expect(try walk.step(.stop) == [.recordState(.cancelling), .cancelWrapper(worker1)])
        try walk.step(.exited(code: 143))
        try walk.step(.epilogDone)
        #expect(walk.job.state == .stopped && walk.job.history[0].reason == .stopResume)
        #expect(try walk.step(.resume) == [.recordState(.pending), .requestSchedule])
    }

    @Test func rescheduleLeavesTheHostAndGoesBackToPending() throws {
        var walk = try Walk()
        try walk.run()
        #expect(try walk.step(.reschedule) == [.recordState(.migrating), .cancelWrapper(worker1)])
        #expect(walk.job.stateLetter == "m")
        #expect(try walk.step(.exited(code: 143)) == [.cleanUp(worker1)])
        let actions = try walk.step(.epilogDone, after: 4)
        #expect(walk.job.state == .pending && actions.last == .requestSchedule)
        #expect(walk.job.history[0].reason == .user && walk.job.history[0].migrationSeconds(now: walk.now) == 5)
        #expect(walk.job.failures == 0, "a user's reschedule is not a failure")
        #expect(try walk.step(.reschedule) == [], "a pending job is already waiting for a host")
    }

    @Test func lateDriverReportsAfterACancelAreHarmless() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.kill)
        #expect(try walk.step(.started) == [])
        #expect(middlewareError { try walk.step(.prologDone) }.code == .wrongJobState)
    }

    @Test func aFailureWhileCancellingFinishesTheKill() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.kill)
        let actions = try walk.step(.infrastructureFailure(reason: "gatekeeper gone"))
        #expect(walk.job.outcome == .killed && actions.last == .free)
        #expect(walk.job.failures == 0)
    }

    @Test func rejectsEventsInTheWrongState() throws {
        var fresh = JobLifecycle(jobID: 1)
        #expect(middlewareError { try fresh.handle(.dispatch(worker1), at: t0) }.code == .wrongJobState)
        var walk = try Walk()
        #expect(middlewareError { try walk.step(.submit()) }.code == .wrongJobState)
        #expect(middlewareError { try walk.step(.prologDone) }.code == .wrongJobState)
        #expect(middlewareError { try walk.step(.stop) }.hint == "only running jobs (wrap) can be stopped")
        #expect(middlewareError { try walk.step(.resume) }.code == .wrongJobState)
    }

    @Test func givesEachStateItsGwpsLetterAndLogLine() throws {
        #expect(JobState.allCases.map(\.letter) == ["i", "i", "h", "p", "w", "e", "m", "s", "s", "z", "f"])
        #expect(JobState.pending.logLine(at: t0) == "1709289729 PENDING")
        var walk = try Walk()
        try walk.run()
        try walk.step(.stop)
        #expect(walk.job.state == .cancelling && walk.job.stateLetter == "s")
        try walk.step(.kill)
        #expect(walk.job.stateLetter == "k")
        try walk.step(.exited(code: 9))
        try walk.step(.epilogDone)
        #expect(walk.job.stateLetter == "k" && walk.job.state == .failed)
    }

    @Test func survivesAnEncodeDecodeRoundTrip() throws {
        var walk = try Walk(dependencies: [3])
        try walk.step(.dependencyDone(parent: 3))
        try walk.run()
        let data = try JSONEncoder().encode(walk.job)
        let back = try JSONDecoder().decode(JobLifecycle.self, from: data)
        #expect(back == walk.job)
    }
}
