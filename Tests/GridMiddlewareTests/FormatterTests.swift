import Foundation
import Testing
@testable import GridMiddleware

struct GridTimeTests {
    @Test func formatsClockDurationDateAndDeadline() {
        #expect(GridTime.clock(t0, timeZone: utc) == "10:42:09")
        #expect(GridTime.clock(nil, timeZone: utc) == "--:--:--")
        #expect(GridTime.clock(t0, timeZone: TimeZone(secondsFromGMT: 3600)!) == "11:42:09")
        #expect(GridTime.dateAndTime(t0, timeZone: utc) == "01/03 10:42:09")
        #expect(GridTime.dateAndTime(nil, timeZone: utc) == "--/-- --:--:--")
        #expect(GridTime.duration(seconds: 31) == "0:00:31")
        #expect(GridTime.duration(seconds: 0) == "0:00:00" && GridTime.duration(seconds: -5) == "0:00:00")
        #expect(GridTime.duration(seconds: 26 * 3600 + 61) == "26:01:01")
        #expect(GridTime.deadline(seconds: ((1 * 24 + 2) * 60 + 30) * 60) == "1:02:30")
    }
}

struct JobStatusFormatterTests {
    static let done = JobStatus(id: 0, user: "alice", uid: 1001, name: "jt", state: .done, executionState: .none,
                                start: t0, end: t0.plus(52), executionSeconds: 31, transferSeconds: 8, exitCode: 0,
                                host: "worker1/fork")

    @Test func matchesTheReferenceRow() throws {
        let gwps = try JobStatusFormatter(timeZone: utc)
        #expect(gwps.row(Self.done) == "alice:1001   0   done ---- 10:42:09 10:43:01 0:00:31 0:00:08 0    jt              worker1/fork")
        #expect(gwps.header() == "USER         JID DM   EM   START    END      EXEC    XFER    EXIT NAME            HOST")
    }

    @Test func showsDashesForWhatIsNotThereYet() throws {
        let pending = JobStatus(id: 12, user: "bob", uid: 1002, name: "a-very-long-job-name", state: .pending, start: t0)
        #expect(try JobStatusFormatter(timeZone: utc).row(pending)
            == "bob:1002     12  pend ---- 10:42:09 --:--:-- 0:00:00 0:00:00 --   a-very-long-job --")
        var failed = Self.done
        failed.state = .failed
        failed.exitCode = nil
        #expect(try JobStatusFormatter(columns: "Jx", timeZone: utc).row(failed) == "0   --")
    }

    @Test func printsAHeaderedTableOrRowsOnly() throws {
        let gwps = try JobStatusFormatter(columns: "Jsj", timeZone: utc)
        #expect(gwps.table([Self.done]) == "JID DM   NAME\n0   done jt\n")
        #expect(gwps.table([Self.done], header: false) == "0   done jt\n")
    }

    @Test func printsTheOtherColumns() throws {
        var task = Self.done
        task.arrayID = 2
        task.taskID = 5
        task.restarted = 1
        task.fixedPriority = 5
        task.type = .mpi
        task.np = 4
        let gwps = try JobStatusFormatter(columns: "eifpynT", timeZone: utc)
        #expect(gwps.header() == "EM   AID TID RWS FP TYPE     NP START          END            EXEC    XFER")
        #expect(gwps.row(task) == "---- 2   5   100 05 mpi      4  01/03 10:42:09 01/03 10:43:01 0:00:31 0:00:08")
        #expect(try JobStatusFormatter(columns: "i").row(Self.done) == "--  --")
    }

    @Test func rejectsAnUnknownColumn() {
        let error = middlewareError { try JobStatusFormatter(columns: "uJq") }
        #expect(error.code == .invalidColumns && error.message == "'q' is not a gwps column")
    }

    @Test func printsFullRecords() throws {
        var job = Self.done
        job.note = "infrastructure failure on worker2: x; rescheduling (retry 1 of 1)"
        #expect(try JobStatusFormatter(timeZone: utc).full(job) == """
            JOB_ID=0
            NAME=jt
            USER=alice
            UID=1001
            HOST=worker1/fork
            FIXED_PRIORITY=0
            DEADLINE=0:00:00
            TYPE=single
            NP=1
            JOB_STATE=done
            EM_STATE=----
            RESTARTED=0
            CLIENT_WAITING=0
            RESCHEDULE=0
            START_TIME=01/03 10:42:09
            EXIT_TIME=01/03 10:43:01
            EXEC_TIME=0:00:31
            XFR_TIME=0:00:08
            EXIT_CODE=0
            REASON=infrastructure failure on worker2: x; rescheduling (retry 1 of 1)


            """)
    }

    @Test func buildsTheStatusFromAJobsLifecycle() throws {
        var walk = try Walk()
        try walk.run()
        try walk.step(.exited(code: 2), after: 30)
        try walk.step(.epilogDone, after: 4)
        let template = try JobTemplate.parse("EXECUTABLE = /bin/false\n", file: "fails.jt")
        let status = JobStatus(walk.job, template: template, user: "alice", uid: 1001, fixedPriority: 0, now: walk.now)
        #expect(status.state == .done && status.exitCode == 2 && status.host == "worker1/fork")
        #expect(status.stateLetter == "z")
        #expect(status.executionSeconds == 31 && status.transferSeconds == 5 && status.end == walk.now)
        #expect(try JobStatusFormatter(timeZone: utc).row(status)
            == "alice:1001   7   done ---- 10:42:09 10:42:46 0:00:31 0:00:05 2    fails.jt        worker1/fork")
    }
}

struct HostStatusFormatterTests {
    @Test func matchesGridWaysColumns() {
        #expect(HostStatusFormatter.header()
            == "HID PRI OS              ARCH   MHZ  %CPU    MEM(F/T)     DISK(F/T)  NODES(U/F/T) LRMS               HOSTNAME")
        let host = HostStatus(id: 0, priority: 1, osName: "Linux", osVersion: "6.1", arch: "x86_64", cpuMHz: 2400, cpuFree: 95,
                              freeMemMB: 812, sizeMemMB: 1024, freeDiskMB: 20480, sizeDiskMB: 40960, usedSlots: 1,
                              freeNodes: 1, totalNodes: 2, lrms: "fork", hostname: "worker1.lab")
        #expect(HostStatusFormatter.row(host)
            == "0   1   Linux6.1        x86_64 2400   95    812/1024       20G/40G         1/1/2 fork               worker1.lab")
    }

    @Test func showsSmallDisksInMegabytesAndReadsAttributes() {
        let attributes: HostAttributes = ["HOSTNAME": "w2", "OS_NAME": "Linux", "ARCH": "aarch64", "CPU_MHZ": 1500,
                                          "FREE_DISK_MB": 900, "SIZE_DISK_MB": 12000, "NODECOUNT": 4,
                                          "QUEUE_FREENODECOUNT": 3, "LRMS_NAME": "fork"]
        let row = HostStatusFormatter.row(HostStatus(id: 3, priority: 0, usedSlots: 1, attributes: attributes))
        #expect(row == "3   0   Linux           aarch6 1500    0         0/0      900M/11G         1/3/4 fork               w2")
        let small = HostStatus(id: 1, priority: 1, usedSlots: 0, attributes: ["FREE_DISK_MB": 500, "SIZE_DISK_MB": 900])
        #expect(HostStatusFormatter.row(small).contains("500M/900M"))
    }

    @Test func printsMatchRows() {
        #expect(HostStatusFormatter.matchHeader() == "HID QNAME      RANK  PRI  SLOTS HOSTNAME")
        #expect(HostStatusFormatter.matchRow(HostMatch(hostID: 1, queue: "default", rank: 2400, priority: 1, slots: 2, hostname: "worker2"))
            == "1   default    2400  1    2     worker2")
    }
}

struct HistoryFormatterTests {
    @Test func printsOneRowPerHostTried() throws {
        var walk = try Walk()
        try walk.run(on: worker1)
        try walk.step(.infrastructureFailure(reason: "gatekeeper refused"), after: 20)
        try walk.step(.dispatch(worker2), after: 5)
        try walk.step(.prologDone, after: 3)
        let history = HistoryFormatter(timeZone: utc)
        #expect(history.table(walk.job.history, now: walk.now.plus(10)) == """
            HID START    END      PROLOG  WRAPPER EPILOG  MIGR    REASON QUEUE    HOST
            0   10:42:10 10:42:32 0:00:01 0:00:21 0:00:00 0:00:00 err    default  worker1/fork
            1   10:42:37 --:--:-- 0:00:03 0:00:10 0:00:00 0:00:00 ----   default  worker2/fork

            """)
    }
}

struct SubmitFormatterTests {
    @Test func printsAJobID() {
        #expect(SubmitFormatter.job(7) == "JOB ID: 7\n")
    }

    @Test func printsAnArrayWithItsTasks() {
        #expect(SubmitFormatter.array(2, jobIDs: [7, 8, 9]) == """
            ARRAY ID: 2

            TASK JOB
            0    7
            1    8
            2    9


            """)
    }
}
