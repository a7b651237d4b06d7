import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct JobIDTests {
    @Test func jobAndArrayIDsStartAtZeroAndIncrease() throws {
        let store = try JobStore.inMemory()
        #expect(try store.submit([submission(), submission(), submission()], at: t0).map(\.id) == [0, 1, 2])
        let first = try store.submitArray(submission(), ArraySpec(tasks: 3), at: t0)
        let second = try store.submitArray(submission(), ArraySpec(tasks: 2), at: t0)
        #expect((first.arrayID, first.jobIDs) == (0, [3, 4, 5]))
        #expect((second.arrayID, second.jobIDs) == (1, [6, 7]))
        #expect(try store.nextJobID() == 8)
    }

    @Test func idsAreNeverReusedAfterFreeingTheNewestJobsAndReopening() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            let ids = try store.submit((0..<5).map { _ in try submission() }, at: t0).map(\.id)
            let array = try store.submitArray(submission(), ArraySpec(tasks: 2), at: t0)
            #expect(ids == [0, 1, 2, 3, 4] && array.jobIDs == [5, 6] && array.arrayID == 0)
            // Kill and free the newest jobs, array included: the counters must not go back.
            for id in [3, 4, 5, 6] { try store.apply(.kill, to: id, at: t0 + 1) }
            #expect(try store.free([3, 4, 5, 6], at: t0 + 2) == [3, 4, 5, 6])
            #expect(try store.rowCount("arrays") == 0)
        }
        let store = try fixture.open()
        #expect(try store.submit(submission(), at: t0 + 3).id == 7)
        let array = try store.submitArray(submission(), ArraySpec(tasks: 1), at: t0 + 3)
        #expect((array.arrayID, array.jobIDs) == (1, [8]))
        #expect(try store.jobs().map(\.id) == [0, 1, 2, 7, 8])
    }

    @Test func aRolledBackSubmissionHandsOutNoIDs() throws {
        let fixture = try StoreFixture()
        let failNext = Flag()
        let store = try fixture.open(faultInjection: { point in
            if point == "submit.inserted", failNext.value { throw InjectedCrash() }
        })
        _ = try store.submit(submission(), at: t0)
        failNext.value = true
        #expect(throws: StoreError.self) { _ = try store.submitArray(submission(), ArraySpec(tasks: 50), at: t0) }
        failNext.value = false
        #expect(try store.nextJobID() == 1)
        #expect(try store.jobs().map(\.id) == [0])
        #expect(try store.submitArray(submission(), ArraySpec(tasks: 2), at: t0).jobIDs == [1, 2])
    }

    @Test func aCounterBelowTheIDsInUseIsRaisedOnOpen() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            _ = try store.submit([submission(), submission()], at: t0)
            // Someone edits the database by hand and winds the counter back.
            try store.execute(sql: "UPDATE counters SET next_value = 0")
        }
        let store = try fixture.open()
        #expect(try store.submit(submission(), at: t0).id == 2)
    }
}
