import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct SubmitTests {
    @Test func aThousandTaskArrayIsOneTransactionWithContiguousIDs() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        _ = try store.submit(submission(), at: t0)  // job 0, so the array does not start at 0
        let clock = ContinuousClock()
        var array: SubmittedArray?
        let insert = try clock.measure {
            array = try store.submitArray(submission(), ArraySpec(tasks: 1000, start: 10, increment: 5), at: t0)
        }
        let flush = clock.measure { store.flushView() }
        print("GridStore timing: 1000-task array insert \(insert) (one transaction, synchronous=FULL); view written in \(flush) more")
        let submitted = try #require(array)
        #expect(submitted.jobIDs == Array(1...1000))
        #expect(submitted.jobs.map(\.taskID) == Array(0..<1000))
        #expect(submitted.jobs.allSatisfy { $0.arrayID == submitted.arrayID && $0.lifecycle.state == .pending })
        #expect(submitted.jobs.allSatisfy { $0.actions == [.recordState(.pending), .requestSchedule] })
        let stored = try store.jobs(matching: JobFilter(arrayID: submitted.arrayID))
        #expect(stored.count == 1000)
        #expect(stored.map(\.taskID) == Array(0..<1000))
        let task7 = try #require(try store.jobRecord(8))
        #expect(task7.array == ArrayMembership(arrayID: submitted.arrayID, taskID: 7, size: 1000, start: 10, increment: 5))
        #expect(task7.variables.param == 45 && task7.variables.maxParam == 10 + 5 * 999)
        #expect(try store.rowCount("state_changes") == 1001)
        #expect(fixture.viewExists(1000))
    }

    @Test func anArrayCutShortLeavesNothingBehind() throws {
        let fixture = try StoreFixture()
        let crash = Flag()
        let store = try fixture.open(faultInjection: { point in
            if point == "submit.inserted", crash.value { throw InjectedCrash() }
        })
        crash.value = true
        let error = #expect(throws: StoreError.self) {
            _ = try store.submitArray(submission(), ArraySpec(tasks: 1000), at: t0)
        }
        #expect(error?.code == .databaseFailed)
        #expect(try store.rowCount("jobs") == 0)
        #expect(try store.rowCount("arrays") == 0)
        #expect(try store.rowCount("state_changes") == 0)
        #expect(try store.userAccounting().isEmpty)
        store.flushView()
        #expect(!fixture.viewExists(0))
    }

    @Test func anArrayNeedsAtLeastOneTask() throws {
        let store = try JobStore.inMemory()
        let error = #expect(throws: StoreError.self) { _ = try store.submitArray(submission(), ArraySpec(tasks: 0), at: t0) }
        #expect(error?.code == .invalidSubmission)
    }

    @Test func aJobWaitsOnlyForParentsThatAreNotDone() throws {
        let store = try JobStore.inMemory()
        let done = try store.submit(submission(), at: t0).id
        try store.run(done, on: worker1, from: t0 + 1, exitCode: 3)  // a non-zero exit code is still done
        let pending = try store.submit(submission(), at: t0).id
        let child = try store.submit(submission(dependencies: [done, pending]), at: t0 + 60)
        #expect(child.lifecycle.state == .hold)
        #expect(child.lifecycle.waitingFor == [pending])
        #expect(child.actions == [.recordState(.hold), .log("waiting for jobs \(pending)")])
        #expect(try store.jobRecord(child.id)?.dependencies == [done, pending])
        #expect(try store.dependants(of: pending) == [child.id])
        #expect(try store.stateChanges(of: child.id) == [StateChange(time: t0 + 60, state: .hold, reason: "waiting for jobs \(pending)")])
    }

    @Test func aJobWhoseParentAlreadyFailedFailsNamingTheParent() throws {
        let store = try JobStore.inMemory()
        let parent = try store.submit(submission(), at: t0).id
        try store.apply(.kill, to: parent, at: t0 + 1)
        let child = try store.submit(submission(dependencies: [parent]), at: t0 + 2)
        #expect(child.lifecycle.state == .failed)
        #expect(child.lifecycle.failureReason == "dependency job \(parent) was killed")
        #expect(try store.stateChanges(of: child.id).map(\.state) == [.hold, .failed])
        // Still known after the parent is freed.
        try store.free([parent], at: t0 + 3)
        let late = try store.submit(submission(dependencies: [parent]), at: t0 + 4)
        #expect(late.lifecycle.failureReason == "dependency job \(parent) was killed")
        #expect(try store.dependencyStatus(of: [parent]) == [parent: .finished(.killed)])
    }

    @Test func theHoldPolicyKeepsTheDependantHeldWithTheReason() throws {
        let store = try JobStore.inMemory()
        let parent = try store.submit(submission(), at: t0).id
        try store.apply(.kill, to: parent, at: t0 + 1)
        var request = try submission(dependencies: [parent])
        request.dependencyFailurePolicy = .hold
        let child = try store.submit(request, at: t0 + 2)
        #expect(child.lifecycle.state == .hold && child.lifecycle.userHold)
        #expect(try store.log(of: child.id).map(\.message).contains { $0.hasPrefix("held: dependency job \(parent) was killed") })
    }

    @Test func anUnknownDependencyIsRejectedAndUsesNoID() throws {
        let store = try JobStore.inMemory()
        _ = try store.submit(submission(), at: t0)
        let error = #expect(throws: StoreError.self) { _ = try store.submit(submission(dependencies: [0, 99]), at: t0) }
        #expect(error?.code == .unknownDependency)
        #expect(error?.message == "job 99 does not exist, so no job can depend on it")
        #expect(try store.nextJobID() == 1)
    }

    @Test func aHeldSubmissionStartsInHold() throws {
        let store = try JobStore.inMemory()
        let job = try store.submit(submission(held: true), at: t0)
        #expect(job.lifecycle.state == .hold && job.lifecycle.userHold)
        #expect(try store.job(job.id)?.stateLetter == "h")
    }

    @Test func ownerNamePriorityAndTemplateAreKept() throws {
        let store = try JobStore.inMemory()
        var request = try submission(bob, name: "render.jt")
        request.priority = 7
        let id = try store.submit(request, at: t0).id
        let record = try #require(try store.jobRecord(id))
        #expect(record.summary.owner == bob)
        #expect(record.summary.name == "render.jt" && record.summary.priority == 7)
        #expect(record.summary.submitTime == t0)
        #expect(record.templateText == request.template.normalized())
        #expect(record.template == request.template)
        #expect(try store.userAccounting(user: "bob") == [UserAccounting(user: "bob", submitted: 1)])
    }
}
