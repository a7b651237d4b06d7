import Testing
@testable import GridMiddleware

struct JobDependencyTests {
    @Test func waitsInHoldUntilEveryParentIsDone() throws {
        var walk = try Walk(dependencies: [3, 4])
        #expect(walk.job.state == .hold && walk.job.note == "waiting for jobs 3, 4")
        #expect(try walk.step(.dependencyDone(parent: 3)) == [])
        #expect(try walk.step(.dependencyDone(parent: 4)) == [.recordState(.pending), .requestSchedule])
    }

    @Test func aDependantOfAFailedParentFailsNamingTheParent() throws {
        var walk = try Walk(dependencies: [3, 4])
        let actions = try walk.step(.dependencyFailed(parent: 4, reason: JobOutcome.failed(reason: "disk full").description))
        #expect(walk.job.state == .failed)
        #expect(walk.job.failureReason == "dependency job 4 failed: disk full")
        #expect(actions.contains(.notifyDependants(.failed(reason: "dependency job 4 failed: disk full"))), "the failure cascades")
    }

    @Test func aDependantOfAKilledParentFails() throws {
        var walk = try Walk(dependencies: [3])
        try walk.step(.dependencyFailed(parent: 3, reason: JobOutcome.killed.description))
        #expect(walk.job.failureReason == "dependency job 3 was killed")
    }

    @Test func theHoldPolicyKeepsTheDependantHeldAndSaysWhy() throws {
        var walk = try Walk(.init(dependencyFailurePolicy: .hold), dependencies: [3])
        let actions = try walk.step(.dependencyFailed(parent: 3, reason: "was killed"))
        #expect(walk.job.state == .hold)
        let note = "held: dependency job 3 was killed; release it (gwkill -l) to run anyway, or kill it"
        #expect(walk.job.note == note && actions == [.log(note)])
        try walk.step(.release)
        #expect(walk.job.state == .pending)
    }

    @Test func releaseOfAJobOnHoldAndWaitingKeepsWaiting() throws {
        var walk = try Walk(held: true, dependencies: [3])
        #expect(try walk.step(.release) == [.log("released; still waiting for jobs 3")])
        #expect(walk.job.state == .hold)
        #expect(try walk.step(.dependencyDone(parent: 3)) == [.recordState(.pending), .requestSchedule])
    }

    @Test func releaseOfAJobThatOnlyWaitsIsRefused() throws {
        var walk = try Walk(dependencies: [3])
        #expect(middlewareError { try walk.step(.release) }.hint == "it waits for jobs 3, not for a release")
    }

    @Test func rejectsNewsOfAJobItDoesNotWaitFor() throws {
        var walk = try Walk(dependencies: [3])
        #expect(middlewareError { try walk.step(.dependencyDone(parent: 9)) }.message == "job 7 does not wait for job 9")
    }
}
