import Foundation
import Testing
@testable import GridMiddleware

/// `count` hosts with `slots` free slots each, x86_64 at 2000 MHz.
func hosts(_ count: Int, slots: Int) -> [SchedulableHost] {
    (0..<count).map { SchedulableHost(id: $0, name: "worker\($0 + 1)", attributes: ["ARCH": "x86_64", "CPU_MHZ": 2000], freeSlots: slots) }
}

/// `count` tasks of one array, ids from `firstID`, submitted at `time`.
func tasks(_ count: Int, user: String, firstID: Int, arrayID: Int? = nil, at time: Date = t0) -> [PendingJob] {
    (0..<count).map { PendingJob(id: firstID + $0, user: user, submitTime: time, arrayID: arrayID) }
}

struct SchedulerPolicyTests {
    let config = SchedulerConfig()

    @Test func aSecondUsersJobsGoOutInTheFirstPassDespiteAThousandTaskArray() {
        let jobs = tasks(1000, user: "alice", firstID: 0, arrayID: 1) + tasks(5, user: "bob", firstID: 1000, at: t0.plus(60))
        let plan = SchedulerPolicy.plan(jobs: jobs, hosts: hosts(3, slots: 4), config: config, now: t0.plus(61))
        let bob = plan.decisions.filter { $0.jobID >= 1000 }
        #expect(plan.decisions.count == 12)
        #expect(bob.count == 5, "all of bob's jobs are in the first pass")
        #expect(plan.decisions.prefix(10).filter { $0.jobID >= 1000 }.count == 5)
    }

    @Test func aSmallUserIsServedWithinTheFirstPassesOfATinyCluster() {
        var pending = tasks(1000, user: "alice", firstID: 0, arrayID: 1) + tasks(5, user: "bob", firstID: 1000, at: t0.plus(60))
        var usage: [String: UserLoad] = [:]
        var passesUntilBobDone: Int?
        for pass in 1...10 {
            let plan = SchedulerPolicy.plan(jobs: pending, hosts: hosts(1, slots: 2), users: usage, config: config,
                                            now: t0.plus(Double(60 + pass)))
            #expect(plan.decisions.count == 2)
            let sent = Set(plan.decisions.map(\.jobID))
            for job in pending where sent.contains(job.id) { usage[job.user, default: UserLoad()].pastUsage += 1 }
            pending.removeAll { sent.contains($0.id) }
            if passesUntilBobDone == nil, !pending.contains(where: { $0.user == "bob" }) { passesUntilBobDone = pass }
        }
        #expect(passesUntilBobDone != nil && passesUntilBobDone! <= 5)
        #expect(usage["alice"]!.pastUsage >= 10, "alice is not starved either")
    }

    @Test func withoutTheSharePolicyTheBigArrayGoesFirst() {
        var fifo = config
        fifo.shareWeight = 0
        let jobs = tasks(1000, user: "alice", firstID: 0, arrayID: 1) + tasks(5, user: "bob", firstID: 1000, at: t0.plus(60))
        let plan = SchedulerPolicy.plan(jobs: jobs, hosts: hosts(3, slots: 4), config: fifo, now: t0.plus(61))
        #expect(plan.decisions.allSatisfy { $0.jobID < 1000 })
    }

    @Test func runningJobsCountAgainstAUsersShare() {
        let jobs = tasks(3, user: "alice", firstID: 0) + tasks(3, user: "bob", firstID: 10, at: t0.plus(1))
        let plan = SchedulerPolicy.plan(jobs: jobs, hosts: hosts(1, slots: 3), users: ["alice": UserLoad(running: 10)],
                                        config: config, now: t0.plus(2))
        #expect(plan.decisions.map(\.jobID) == [10, 11, 12])
    }

    @Test func aHostWithPriority00IsNeverUsed() throws {
        var banned = config
        banned.hostPriorities["worker1"] = 0
        let plan = SchedulerPolicy.plan(jobs: tasks(4, user: "alice", firstID: 0), hosts: hosts(2, slots: 4),
                                        config: banned, now: t0)
        #expect(plan.decisions.count == 4 && plan.decisions.allSatisfy { $0.hostName == "worker2" })
        let only = SchedulerPolicy.plan(jobs: tasks(1, user: "alice", firstID: 0), hosts: Array(hosts(1, slots: 4)),
                                        config: banned, now: t0)
        #expect(only.decisions.isEmpty)
        #expect(try #require(only.waiting[0]).contains("banned"))
    }

    @Test func requirementsFilterHosts() throws {
        var cluster = hosts(3, slots: 4)
        cluster[2].attributes["ARCH"] = "aarch64"
        let arm = PendingJob(id: 1, user: "alice", submitTime: t0, requirements: try Requirements(parsing: "ARCH = \"aarch*\""))
        let mips = PendingJob(id: 2, user: "alice", submitTime: t0, requirements: try Requirements(parsing: "ARCH = \"mips\""))
        let plan = SchedulerPolicy.plan(jobs: [arm, mips], hosts: cluster, config: config, now: t0)
        #expect(plan.decisions.map(\.hostName) == ["worker3"])
        #expect(plan.waiting[2] == "no host matches REQUIREMENTS (ARCH = \"mips\")")
    }

    @Test func rankOrdersTheHosts() throws {
        var cluster = hosts(3, slots: 1)
        cluster[0].attributes["CPU_MHZ"] = 1000
        cluster[1].attributes["CPU_MHZ"] = 3000
        cluster[2].attributes["CPU_MHZ"] = 2000
        let rank = try RankExpression(parsing: "CPU_MHZ")
        let jobs = (0..<3).map { PendingJob(id: $0, user: "alice", submitTime: t0, rank: rank) }
        let plan = SchedulerPolicy.plan(jobs: jobs, hosts: cluster, config: config, now: t0)
        #expect(plan.decisions.map(\.hostName) == ["worker2", "worker3", "worker1"])
        #expect(plan.decisions.map(\.rank) == [3000, 2000, 1000])
    }

    @Test func maxRunningUserCapsAUser() throws {
        let plan = SchedulerPolicy.plan(jobs: tasks(5, user: "alice", firstID: 0), hosts: hosts(2, slots: 4),
                                        users: ["alice": UserLoad(running: 28)], config: config, now: t0)
        #expect(plan.decisions.count == 2)
        #expect(plan.waiting[2] == "alice already has 30 jobs running (MAX_RUNNING_USER = 30)")
    }

    @Test func dispatchChunkAndPerHostLimitsBoundAPass() throws {
        let chunked = SchedulerPolicy.plan(jobs: tasks(20, user: "alice", firstID: 0), hosts: hosts(4, slots: 10),
                                           config: config, now: t0)
        #expect(chunked.decisions.count == 15)
        #expect(try #require(chunked.waiting[19]).hasPrefix("DISPATCH_CHUNK (15)"))
        let perHost = SchedulerPolicy.plan(jobs: tasks(8, user: "alice", firstID: 0), hosts: hosts(1, slots: 10),
                                           config: config, now: t0)
        #expect(perHost.decisions.count == 5, "MAX_DISPATCH_RESOURCE = 5")
        var unlimited = config
        unlimited.dispatchChunk = 0
        unlimited.maxDispatchResource = 0
        let all = SchedulerPolicy.plan(jobs: tasks(20, user: "alice", firstID: 0), hosts: hosts(1, slots: 30),
                                       config: unlimited, now: t0)
        #expect(all.decisions.count == 20)
    }

    @Test func freeSlotsAndNPAreRespected() throws {
        var wide = PendingJob(id: 1, user: "alice", submitTime: t0)
        wide.slots = 3
        let plan = SchedulerPolicy.plan(jobs: [wide] + tasks(2, user: "alice", firstID: 5, at: t0.plus(1)),
                                        hosts: hosts(1, slots: 4), config: config, now: t0.plus(2))
        #expect(plan.decisions.map(\.jobID) == [1, 5])
        #expect(plan.waiting[6] == "no free slots on the 1 matching host")
    }

    @Test func urgentAndFixedPrioritiesComeFirst() {
        var prioritized = config
        prioritized.userPriorities["carol"] = 10
        let jobs = [PendingJob(id: 1, user: "alice", submitTime: t0),
                    PendingJob(id: 2, user: "carol", submitTime: t0.plus(1)),
                    PendingJob(id: 3, user: "dave", priority: 20, submitTime: t0.plus(2))]
        let order = SchedulerPolicy.prioritize(jobs, config: prioritized, now: t0.plus(3)).map(\.jobID)
        #expect(order == [3, 2, 1])
    }

    @Test func anApproachingDeadlineRaisesPriority() {
        let jobs = [PendingJob(id: 1, user: "alice", submitTime: t0),
                    PendingJob(id: 2, user: "alice", submitTime: t0.plus(1), deadline: t0.plus(3600))]
        #expect(SchedulerPolicy.prioritize(jobs, config: config, now: t0.plus(2)).map(\.jobID) == [2, 1])
        var noDeadlines = config
        noDeadlines.deadlineWeight = 0
        #expect(SchedulerPolicy.prioritize(jobs, config: noDeadlines, now: t0.plus(2)).map(\.jobID) == [1, 2])
    }

    @Test func waitingTimeRaisesPriorityWhenWeighted() {
        var waiting = config
        waiting.waitingTimeWeight = 5
        waiting.userPriorities["bob"] = 19
        let jobs = [PendingJob(id: 1, user: "alice", submitTime: t0), PendingJob(id: 2, user: "bob", submitTime: t0.plus(3000))]
        #expect(SchedulerPolicy.prioritize(jobs, config: waiting, now: t0.plus(3600)).map(\.jobID) == [1, 2])
        var fixedOnly = waiting
        fixedOnly.waitingTimeWeight = 0
        #expect(SchedulerPolicy.prioritize(jobs, config: fixedOnly, now: t0.plus(3600)).map(\.jobID) == [2, 1])
    }

    @Test func aHostBannedForAUserIsSkippedUntilTheBanEnds() {
        var cluster = hosts(2, slots: 4)
        cluster[0].bannedUntil["alice"] = t0.plus(100)
        let job = tasks(1, user: "alice", firstID: 0)
        #expect(SchedulerPolicy.plan(jobs: job, hosts: cluster, config: config, now: t0).decisions[0].hostName == "worker2")
        let other = tasks(1, user: "bob", firstID: 0)
        #expect(SchedulerPolicy.plan(jobs: other, hosts: cluster, config: config, now: t0).decisions[0].hostName == "worker1")
        #expect(SchedulerPolicy.plan(jobs: job, hosts: cluster, config: config, now: t0.plus(100)).decisions[0].hostName == "worker1")
    }

    @Test func excludedHostsAreNotTriedAgain() {
        var job = PendingJob(id: 1, user: "alice", submitTime: t0)
        job.excludedHosts = [0]
        #expect(SchedulerPolicy.plan(jobs: [job], hosts: hosts(2, slots: 1), config: config, now: t0).decisions[0].hostID == 1)
    }

    @Test func fasterHostsWinOnUsage() {
        var cluster = hosts(2, slots: 4)
        cluster[0].estimatedSeconds = 600
        cluster[1].estimatedSeconds = 60
        #expect(SchedulerPolicy.plan(jobs: tasks(1, user: "a", firstID: 0), hosts: cluster, config: config, now: t0)
            .decisions[0].hostName == "worker2")
    }

    @Test func disabledPolicyIsFirstComeFirstServed() {
        var off = config
        off.disabled = true
        let jobs = [PendingJob(id: 1, user: "a", priority: 20, submitTime: t0.plus(5)), PendingJob(id: 2, user: "b", submitTime: t0)]
        #expect(SchedulerPolicy.prioritize(jobs, config: off, now: t0.plus(6)).map(\.jobID) == [2, 1])
    }

    @Test func explainsAnEmptyGrid() {
        let plan = SchedulerPolicy.plan(jobs: tasks(1, user: "a", firstID: 0), hosts: [], config: config, now: t0)
        #expect(plan.waiting[0] == "no hosts are known yet")
    }
}

struct FailureBanTests {
    let config = SchedulerConfig()

    @Test func theBanGrowsWithRepeatedFailuresAndASuccessLiftsIt() throws {
        var ban = FailureBan()
        ban.recordFailure(at: t0, config: config)
        #expect(ban.bannedUntil == t0.plus(360))
        #expect(ban.isBanned(at: t0.plus(359)) && !ban.isBanned(at: t0.plus(360)))
        ban.recordFailure(at: t0.plus(5), config: config)
        #expect(ban.bannedUntil == t0.plus(360), "failures within 10 s are one incident")
        ban.recordFailure(at: t0.plus(650), config: config)
        let length = try #require(ban.bannedUntil).timeIntervalSince(t0.plus(650))
        #expect(length == (3600 * (1 - exp(-1.0))).rounded(.down))
        ban.recordSuccess()
        #expect(!ban.isBanned(at: t0.plus(651)) && ban.firstFailure == nil)
    }

    @Test func zeroMaximumDisablesBanning() {
        var off = config
        off.failureMaxBanned = 0
        var ban = FailureBan()
        ban.recordFailure(at: t0, config: off)
        #expect(!ban.isBanned(at: t0))
    }
}

struct ShareWindowsTests {
    @Test func olderWindowsCountLess() {
        var windows = ShareWindows(depth: 3)
        windows.record(10)
        #expect(windows.usage == 10)
        windows.rotate()
        windows.record(2)
        #expect(abs(windows.usage - (2 + 10 * exp(-1 / 3.5))) < 1e-9)
        windows.rotate()
        windows.rotate()
        #expect(windows.counts == [0, 0, 2])
    }
}
