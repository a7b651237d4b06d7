import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct QueryTests {
    /// alice: 0 done on worker1, 4 held; bob: array 0 = jobs 1...3, task 0 in prolog on worker2.
    func pool() throws -> JobStore {
        let store = try JobStore.inMemory()
        let done = try store.submit(submission(), at: t0).id
        try store.run(done, on: worker1, from: t0)
        let array = try store.submitArray(submission(bob), ArraySpec(tasks: 3), at: t0)
        try store.apply(.dispatch(worker2), to: array.jobIDs[0], at: t0 + 1)
        _ = try store.submit(submission(held: true), at: t0)
        return store
    }

    @Test func filtersByUserStateArrayHostAndID() throws {
        let store = try pool()
        #expect(try store.jobs().map(\.id) == [0, 1, 2, 3, 4])
        #expect(try store.jobs(matching: JobFilter(user: "alice")).map(\.id) == [0, 4])
        #expect(try store.jobs(matching: JobFilter(stateLetter: "z")).map(\.id) == [0])
        #expect(try store.jobs(matching: JobFilter(stateLetter: "i")).map(\.id) == [2, 3])
        #expect(try store.jobs(matching: JobFilter(stateLetter: "h")).map(\.id) == [4])
        #expect(try store.jobs(matching: JobFilter(stateLetter: "p")).map(\.id) == [1])
        #expect(try store.jobs(matching: JobFilter(arrayID: 0)).map(\.id) == [1, 2, 3])
        #expect(try store.jobs(matching: JobFilter(host: "worker2")).map(\.id) == [1])
        #expect(try store.jobs(matching: JobFilter(host: "worker2/pbs")).map(\.id) == [1])
        #expect(try store.jobs(matching: JobFilter(host: "worker2/fork")).isEmpty)
        #expect(try store.jobs(matching: JobFilter(user: "bob", stateLetter: "i", arrayID: 0)).map(\.id) == [2, 3])
        #expect(try store.jobs(matching: JobFilter(jobIDs: [4, 0, 77])).map(\.id) == [0, 4])
        #expect(try store.jobs(matching: JobFilter(jobIDs: [])).isEmpty)
        #expect(try store.job(77) == nil && store.jobRecord(77) == nil)
    }

    @Test func rowsFormatAsGwpsShowsThem() throws {
        let store = try pool()
        let formatter = try JobStatusFormatter(timeZone: utc)
        let done = try #require(try store.job(0)).status(now: t0 + 100)
        #expect(formatter.row(done) == formatter.row(JobStatus(
            id: 0, user: "alice", uid: 1001, name: "sleep.jt", state: .done, executionState: .none, start: t0, end: t0 + 37,
            executionSeconds: 30, transferSeconds: 7, exitCode: 0, host: "worker1/fork")))
        let task = try #require(try store.job(1)).status(now: t0 + 100)
        #expect(task.arrayID == 0 && task.taskID == 0 && task.host == "worker2/pbs" && task.exitCode == nil)
    }

    @Test func tenThousandJobsAreAllListed() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(view: false)
        for batch in 0..<10 {
            _ = try store.submitArray(submission(batch.isMultiple(of: 2) ? alice : bob), ArraySpec(tasks: 1000), at: t0)
        }
        let clock = ContinuousClock()
        var jobs: [StoredJob] = []
        let listing = try clock.measure { jobs = try store.jobs() }
        var rows = ""
        let formatted = try clock.measure {
            let formatter = try JobStatusFormatter(timeZone: utc)
            rows = formatter.table(jobs.map { $0.status(now: t0 + 60) })
        }
        print("GridStore timing: listing 10,000 jobs \(listing); formatting them as gwps rows \(formatted) more")
        #expect(jobs.count == 10_000)
        #expect(jobs.map(\.id) == Array(0..<10_000))
        #expect(rows.split(separator: "\n").count == 10_001)
        #expect(try store.jobs(matching: JobFilter(user: "bob")).count == 5000)
        #expect(try store.jobs(matching: JobFilter(arrayID: 9)).map(\.id) == Array(9000..<10_000))
        #expect(try store.jobs(matching: JobFilter(user: "alice", stateLetter: "i")).count == 5000)
        // More ids than one SQL statement takes.
        #expect(try store.jobs(matching: JobFilter(user: "bob", jobIDs: Array((0..<2500).reversed()))).map(\.id) == Array(1000..<2000))
    }

    @Test func usersCountTheirJobsAndRunningJobs() throws {
        let store = try pool()
        #expect(try store.users() == [
            UserSummary(user: "alice", uid: 1001, dn: alice.dn, jobs: 2, running: 0, done: 1, failed: 0),
            UserSummary(user: "bob", uid: 1002, dn: bob.dn, jobs: 3, running: 1, done: 0, failed: 0),
        ])
        // A freed job still counts as done; a user whose jobs were all freed stays listed.
        try store.free([0], at: t0 + 5)
        try store.apply(.kill, to: 4, at: t0 + 5)
        try store.free([4], at: t0 + 6)
        #expect(try store.users().first == UserSummary(user: "alice", uid: -1, dn: nil, jobs: 0, running: 0, done: 1, failed: 0))
    }

    @Test func historyOfAJobNotInTheStoreFails() throws {
        let store = try JobStore.inMemory()
        let error = #expect(throws: StoreError.self) { _ = try store.history(of: 3) }
        #expect(error?.code == .unknownJob)
    }
}
