import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct RecoveryTests {
    @Test func recoveryReturnsExactlyTheUnfinishedJobsWithDependenciesAndArrays() throws {
        let fixture = try StoreFixture()
        let original = try template()
        var ids: [String: Int] = [:]
        do {
            let store = try fixture.open()
            ids["done"] = try store.submit(submission(), at: t0).id
            try store.run(ids["done"]!, on: worker1, from: t0)
            ids["killed"] = try store.submit(submission(), at: t0).id
            try store.apply(.kill, to: ids["killed"]!, at: t0 + 1)
            ids["pending"] = try store.submit(submission(), at: t0).id
            ids["child"] = try store.submit(submission(dependencies: [ids["pending"]!]), at: t0).id
            ids["both"] = try store.submit(submission(bob, dependencies: [ids["done"]!, ids["pending"]!]), at: t0).id
            let array = try store.submitArray(submission(bob), ArraySpec(tasks: 3, start: 100, increment: 10), at: t0)
            ids["task0"] = array.jobIDs[0]
            try store.apply(.dispatch(worker2), to: array.jobIDs[1], at: t0 + 2)
            try store.apply(.prologDone, to: array.jobIDs[1], at: t0 + 3)
            try store.apply(.started, to: array.jobIDs[1], at: t0 + 4)
        }
        let store = try fixture.open()
        let recovered = try store.recover()
        let expectedIDs = [ids["pending"]!, ids["child"]!, ids["both"]!] + (ids["task0"]!...ids["task0"]! + 2)
        #expect(recovered.map(\.id) == expectedIDs)

        let child = try #require(recovered.first { $0.id == ids["child"] })
        #expect(child.job.dependencies == [ids["pending"]!] && child.lifecycle.waitingFor == [ids["pending"]!])
        #expect(child.lifecycle.state == .hold && child.finishedParents.isEmpty)
        let both = try #require(recovered.first { $0.id == ids["both"] })
        #expect(both.job.dependencies == [ids["done"]!, ids["pending"]!].sorted())
        #expect(both.lifecycle.waitingFor == [ids["pending"]!] && both.job.summary.owner == bob)

        let running = try #require(recovered.first { $0.id == ids["task0"]! + 1 })
        #expect(running.lifecycle.state == .wrapper && running.lifecycle.executionState == .active)
        #expect(running.lifecycle.host == worker2)
        #expect(running.job.array == ArrayMembership(arrayID: 0, taskID: 1, size: 3, start: 100, increment: 10))
        #expect(running.job.variables.param == 110)
        #expect(running.job.template == original)

        // The recovered machine goes on where it stopped.
        var machine = running.lifecycle
        #expect(try machine.handle(.exited(code: 0), at: t0 + 50) == [.recordState(.epilog), .stageOut(worker2)])
    }

    @Test func parentsThatEndedBeforeTheChildWasToldAreReported() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            let parent = try store.submit(submission(), at: t0).id
            let failing = try store.submit(submission(), at: t0).id
            _ = try store.submit(submission(dependencies: [parent, failing]), at: t0)
            // gwd records the parents' ends, then dies before notifying the child.
            try store.run(parent, on: worker1, from: t0)
            try store.apply(.kill, to: failing, at: t0 + 1)
            try store.free([failing], at: t0 + 2)
        }
        let store = try fixture.open()
        let child = try #require(try store.recover().first { $0.id == 2 })
        #expect(child.lifecycle.waitingFor == [0, 1])
        #expect(child.finishedParents == [0: .done(exitCode: 0), 1: .killed])
    }

    @Test func nothingToRecoverInAnEmptyStore() throws {
        #expect(try JobStore.inMemory().recover().isEmpty)
    }
}
