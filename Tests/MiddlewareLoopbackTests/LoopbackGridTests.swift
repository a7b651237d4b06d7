import Foundation
import GridCA
import Testing

/// gwd and two gatekeepers as real processes on loopback, driven by the students' real commands.
/// Runs as root (local accounts, jobs run as those accounts); enabled with VGRID_INTEGRATION=1.
@Suite("Middleware on loopback", .serialized, .enabled(if: ProcessInfo.processInfo.environment["VGRID_INTEGRATION"] == "1" && getuid() == 0))
struct LoopbackGridTests {
    let grid = LoopbackGrid.shared

    @Test func aSimpleJobRunsAsTheStudentAndItsOutputComesBack() throws {
        let ids = try grid.submit(grid.alice, """
            EXECUTABLE  = /bin/sh
            ARGUMENTS   = "-c 'echo hello from job ${JOB_ID} as $(id -un)'"
            STDOUT_FILE = out.${JOB_ID}
            """)
        let id = try #require(ids.first)
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", String(id)])
        #expect(wait.status == 0, "\(wait.error)")
        #expect(wait.output.contains("\(id) : 0"))
        #expect(grid.text(grid.alice, "out.\(id)") == "hello from job \(id) as \(grid.alice.name)\n")
        var info = stat()
        #expect(stat(grid.alice.directory + "/out.\(id)", &info) == 0 && info.st_uid == grid.alice.uid, "the output belongs to the student")
        let ps = try grid.run(grid.alice, "gwps", ["-n", String(id)])
        #expect(ps.output.contains("done"), "\(ps.output)")

        // GridWay's teaching view of the job on the headnode: var/<jid>/.
        let directory = grid.location + "/var/\(id)"
        let environment = try String(contentsOfFile: directory + "/job.env", encoding: .utf8)
        #expect(environment.contains("GW_JOB_ID=\"\(id)\"") || environment.contains("GW_JOB_ID=\(id)"), "\(environment)")
        let trace = try String(contentsOfFile: directory + "/stdout.wrapper.0", encoding: .utf8)
        #expect(trace.contains("prolog on worker") && trace.contains("exited with code 0") && trace.contains("epilog on worker"), "\(trace)")
        let states = try String(contentsOfFile: directory + "/job.state", encoding: .utf8)
        #expect(states.contains("PROLOG") || states.contains("prol"), "\(states)")
    }

    @Test func stagesTheExecutableAndFilesBothWays() throws {
        try grid.put(grid.alice, "double.sh", "#!/bin/sh\nread n < numbers.txt\necho $((n * 2)) > result.txt\necho staged ok\n")
        try grid.put(grid.alice, "numbers.txt", "21\n")
        let id = try #require(try grid.submit(grid.alice, """
            EXECUTABLE   = double.sh
            INPUT_FILES  = numbers.txt
            OUTPUT_FILES = result.txt result.${JOB_ID}
            STDOUT_FILE  = staged.out
            """).first)
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", String(id)])
        #expect(wait.output.contains("\(id) : 0"), "\(wait.output)\(wait.error)")
        #expect(grid.text(grid.alice, "result.\(id)") == "42\n")
        #expect(grid.text(grid.alice, "staged.out") == "staged ok\n")
    }

    @Test func aNonZeroExitIsDoneWithThatCode() throws {
        let id = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/sh\nARGUMENTS = \"-c 'exit 3'\"\n").first)
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", String(id)])
        #expect(wait.output.contains("\(id) : 3"), "\(wait.output)")
        let ps = try grid.run(grid.alice, "gwps", ["-n", String(id)])
        #expect(ps.output.contains("done"), "a non-zero exit is still done: \(ps.output)")
    }

    @Test func aMissingOutputFailsWithAReasonTheStudentCanRead() throws {
        let id = try #require(try grid.submit(grid.alice, """
            EXECUTABLE = /bin/true
            OUTPUT_FILES = never-written.txt
            NUMBER_OF_RETRIES = 0
            """).first)
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", String(id)])
        #expect(wait.status != 0)
        let ps = try grid.run(grid.alice, "gwps", ["-f", String(id)])
        #expect(ps.output.contains("fail"), "\(ps.output)")
        #expect(ps.output.contains("never-written.txt"), "the reason names the file: \(ps.output)")
    }

    @Test func anArrayOfOneHundredTasksSeesItsTaskIdsAndParams() throws {
        let ids = try grid.submit(grid.alice, """
            EXECUTABLE  = /bin/sh
            ARGUMENTS   = "-c 'echo ${TASK_ID} ${PARAM}'"
            STDOUT_FILE = task.${TASK_ID}
            """, options: ["-n", "100", "-s", "5", "-i", "2"])
        #expect(ids.count == 100)
        let wait = try grid.run(grid.alice, "gwwait", ["-k"] + ids.map(String.init))
        #expect(wait.status == 0, "\(wait.error)")
        for task in [0, 1, 50, 99] {
            #expect(grid.text(grid.alice, "task.\(task)") == "\(task) \(5 + 2 * task)\n")
        }
    }

    @Test func dependantsRunAfterTheirParentAndFailWithAFailedParent() throws {
        // The child stages in the parent's output: it exists on the headnode only after the parent's epilog.
        let parent = try #require(try grid.submit(grid.alice, """
            EXECUTABLE   = /bin/sh
            ARGUMENTS    = "-c 'sleep 1; echo from-parent > chain.txt'"
            OUTPUT_FILES = chain.txt chain.txt
            """, name: "parent.jt").first)
        let child = try #require(try grid.submit(grid.alice, """
            EXECUTABLE  = /bin/cat
            ARGUMENTS   = chain.txt
            INPUT_FILES = chain.txt
            STDOUT_FILE = chain.out
            """, name: "child.jt", options: ["-d", String(parent)]).first)
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", String(parent), String(child)])
        #expect(wait.output.contains("\(child) : 0"), "\(wait.output)\(wait.error)")
        #expect(grid.text(grid.alice, "chain.out") == "from-parent\n")

        let failing = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/true\nOUTPUT_FILES = nope\nNUMBER_OF_RETRIES = 0\n").first)
        let orphan = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/true\n", options: ["-d", String(failing)]).first)
        _ = try grid.run(grid.alice, "gwwait", ["-k", "-t", "60", String(failing), String(orphan)])
        let ps = try grid.run(grid.alice, "gwps", ["-f", String(orphan)])
        #expect(ps.output.contains("fail"), "the dependant does not hang in hold: \(ps.output)")
        #expect(ps.output.contains("\(failing)"), "its reason names the parent: \(ps.output)")
    }

    @Test func killHoldReleaseAndStop() throws {
        let held = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/true\n", options: ["-o"]).first)
        #expect(try grid.run(grid.alice, "gwps", ["-n", String(held)]).output.contains("hold"))
        #expect(try grid.run(grid.alice, "gwkill", ["-l", String(held)]).status == 0)
        #expect(try grid.run(grid.alice, "gwwait", ["-v", "-k", String(held)]).output.contains("\(held) : 0"))

        let long = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/sleep\nARGUMENTS = 60\n").first)
        #expect(LoopbackGrid.eventually(seconds: 15) {
            (try? self.grid.run(self.grid.alice, "gwps", ["-n", String(long)]))?.output.contains("actv") == true
        })
        #expect(try grid.run(grid.alice, "gwkill", [String(long)]).status == 0)
        #expect(LoopbackGrid.eventually(seconds: 15) {
            (try? self.grid.run(self.grid.alice, "gwps", ["-n", String(long)]))?.output.contains("wrap") == false
        })
        let again = try grid.run(grid.alice, "gwkill", ["-l", String(long)])
        #expect(again.status != 0 && again.error.contains("FAILED"), "\(again.error)")
    }

    @Test func studentsSeeAndSignalOnlyTheirOwnJobs() throws {
        let id = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/sleep\nARGUMENTS = 30\n").first)
        let bobsView = try grid.run(grid.bob, "gwps", ["-n"])
        #expect(!bobsView.output.contains(grid.alice.name), "bob does not see alice's jobs: \(bobsView.output)")
        let kill = try grid.run(grid.bob, "gwkill", [String(id)])
        #expect(kill.status != 0 && kill.error.contains("FAILED"), "\(kill.error)")
        #expect(try grid.run(grid.alice, "gwkill", [String(id)]).status == 0)
    }

    @Test func aLimitedProxyMayLookButNotSubmit() throws {
        let limited = try ProxyFactoryHelper.limitedProxy(of: grid.alice, in: grid)
        let submit = try grid.run(grid.alice, "gwsubmit", ["job.jt"], proxy: limited)
        #expect(submit.status != 0 && submit.error.contains("FAILED"), "\(submit.error)")
        #expect(submit.error.lowercased().contains("limited"))
        let look = try grid.run(grid.alice, "gwps", ["-n"], proxy: limited)
        #expect(look.status == 0, "\(look.error)")
    }

    @Test func anOutputPathOutsideTheJobDirectoryIsRefused() throws {
        let submit = try grid.run(grid.alice, "gwsubmit", [], stdin: "EXECUTABLE = /bin/true\nOUTPUT_FILES = ../../etc/passwd\n")
        if submit.status == 0 {
            let id = try #require(LoopbackGrid.ids(in: submit.output).first ?? Int(submit.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            _ = try grid.run(grid.alice, "gwwait", ["-k", String(id)])
            let ps = try grid.run(grid.alice, "gwps", ["-f", String(id)])
            #expect(ps.output.contains("fail"), "\(ps.output)")
        } else {
            #expect(submit.error.contains("FAILED"), "\(submit.error)")
        }
    }

    @Test func gwdKilledMidArrayRecoversEveryJobAndNeverReusesIds() throws {
        let ids = try grid.submit(grid.alice, "EXECUTABLE = /bin/sh\nARGUMENTS = \"-c 'sleep 0.2'\"\n", options: ["-n", "20"])
        usleep(500_000)
        grid.killGwd()
        try grid.startGwd()
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k"] + ids.map(String.init))
        #expect(wait.status == 0, "every task finishes after the restart: \(wait.output)\(wait.error)")
        let next = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/true\n").first)
        #expect(next > ids.max()!, "ids are never reused")
        _ = try grid.run(grid.alice, "gwwait", ["-k", String(next)])
    }

    @Test func aJobOnAWorkerThatDiesIsRescheduledToTheOther() throws {
        let id = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/sleep\nARGUMENTS = 3\n").first)
        var host = ""
        #expect(LoopbackGrid.eventually(seconds: 15) {
            let out = (try? self.grid.run(self.grid.alice, "gwps", ["-n", String(id)]))?.output ?? ""
            if out.contains("actv"), let name = self.grid.workers.map(\.0).first(where: { out.contains($0) }) { host = name; return true }
            return false
        })
        grid.killGatekeeper(host)
        defer {
            try? grid.startGatekeeper(host, address: grid.workers.first { $0.0 == host }!.1)
            try? grid.waitForHosts(count: 2)
        }
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", "-t", "60", String(id)])
        #expect(wait.output.contains("\(id) : 0"), "the job finished elsewhere: \(wait.output)\(wait.error)")
    }

    @Test func stopAndResumeARunningJob() throws {
        let id = try #require(try grid.submit(grid.alice, "EXECUTABLE = /bin/sh\nARGUMENTS = \"-c 'sleep 2; echo resumed'\"\nSTDOUT_FILE = stopped.out\n").first)
        #expect(LoopbackGrid.eventually(seconds: 15) {
            (try? self.grid.run(self.grid.alice, "gwps", ["-n", String(id)]))?.output.contains("actv") == true
        })
        // GridWay's letters: -t stops, -s resumes (-r reschedules).
        let stop = try grid.run(grid.alice, "gwkill", ["-t", String(id)])
        #expect(stop.status == 0, "\(stop.error)")
        #expect(LoopbackGrid.eventually(seconds: 15) {
            (try? self.grid.run(self.grid.alice, "gwps", ["-n", String(id)]))?.output.contains("stop") == true
        }, "gwkill -s stops the job")
        let resume = try grid.run(grid.alice, "gwkill", ["-s", String(id)])
        #expect(resume.status == 0, "\(resume.error)")
        let wait = try grid.run(grid.alice, "gwwait", ["-v", "-k", "-t", "60", String(id)])
        #expect(wait.output.contains("\(id) : 0"), "the resumed job runs again to the end: \(wait.output)\(wait.error)")
        #expect(grid.text(grid.alice, "stopped.out") == "resumed\n")
    }

    @Test func oneStudentsBigArrayDoesNotStarveAnother() throws {
        // alice floods the grid; bob's single job, submitted after, must not wait for her whole array.
        let flood = try grid.submit(grid.alice, "EXECUTABLE = /bin/sleep\nARGUMENTS = 1\n", options: ["-n", "40"])
        #expect(flood.count == 40)
        let bobs = try #require(try grid.submit(grid.bob, "EXECUTABLE = /bin/true\n").first)
        let wait = try grid.run(grid.bob, "gwwait", ["-v", "-k", "-t", "60", String(bobs)])
        #expect(wait.output.contains("\(bobs) : 0"), "\(wait.output)\(wait.error)")
        // At that moment most of alice's 40 one-second tasks (4 slots) are still to run.
        let left = try grid.run(grid.alice, "gwps", ["-n"]).output.split(separator: "\n")
            .filter { line in flood.contains { line.contains(" \($0) ") } && !line.contains(" done ") }.count
        #expect(left >= 20, "bob's job ran before alice's array was mostly through (\(left) of her tasks left)")
        _ = try grid.run(grid.alice, "gwwait", ["-k", "-t", "120"] + flood.map(String.init))
    }

    @Test func gwdRefusesExpiredForeignAndUnmappedProxies() throws {
        try grid.put(grid.alice, "job.jt", "EXECUTABLE = /bin/true\n")
        // Expired: made two hours ago for one hour.
        let expired = try ProxyFactory.create(from: grid.alice.credential, options: ProxyOptions(lifetime: 3600, keyBits: 2048),
                                              now: Date().addingTimeInterval(-7200))
        try grid.put(grid.alice, "x509up.expired", ProxyFile.text(of: expired), mode: 0o600)
        let late = try grid.run(grid.alice, "gwsubmit", ["job.jt"], proxy: grid.alice.directory + "/x509up.expired")
        #expect(late.status != 0 && late.error.contains("FAILED"), "\(late.error)")
        #expect(late.error.lowercased().contains("expired"), "the student learns the proxy expired: \(late.error)")

        // Foreign: a user of another CA that this grid does not trust.
        var other = try CAStore.create(at: URL(fileURLWithPath: grid.root + "/other-ca-\(UUID().uuidString.prefix(6))"),
                                       subject: "/O=Grid/OU=GlobusTest/OU=simpleCA-elsewhere/CN=Globus Simple CA")
        let stranger = try ProxyFactory.create(from: try other.issueUser(name: "Mallory"), options: ProxyOptions(keyBits: 2048))
        try grid.put(grid.alice, "x509up.foreign", ProxyFile.text(of: stranger), mode: 0o600)
        let foreign = try grid.run(grid.alice, "gwsubmit", ["job.jt"], proxy: grid.alice.directory + "/x509up.foreign")
        #expect(foreign.status != 0 && foreign.error.contains("FAILED"), "\(foreign.error)")

        // Unmapped: a valid user of this CA whom the grid-mapfile does not list.
        let carol = try ProxyFactory.create(from: try grid.issueUnmappedUser("Carol Unmapped"), options: ProxyOptions(keyBits: 2048))
        try grid.put(grid.alice, "x509up.carol", ProxyFile.text(of: carol), mode: 0o600)
        let unmapped = try grid.run(grid.alice, "gwsubmit", ["job.jt"], proxy: grid.alice.directory + "/x509up.carol")
        #expect(unmapped.status != 0 && unmapped.error.contains("grid-mapfile"), "the refusal names the grid-mapfile: \(unmapped.error)")

        // None of them left a job behind.
        let admin = try grid.run(grid.alice, "gwps", ["-n"])
        #expect(!admin.output.contains("Carol") && !admin.output.contains("Mallory"))
    }

    @Test func aRevokedCertificateIsRefusedByTheRunningDaemons() throws {
        // A second certificate for alice's account, as `vgrid ca issue-user` would make.
        let dave = try grid.issueUnmappedUser("Dave Revoked")
        try grid.writeGridMap(extra: [(dave.subject, grid.alice.name)])
        defer { try? grid.writeGridMap() }
        let proxy = try ProxyFactory.create(from: dave, options: ProxyOptions(keyBits: 2048))
        try grid.put(grid.alice, "x509up.dave", ProxyFile.text(of: proxy), mode: 0o600)
        let path = grid.alice.directory + "/x509up.dave"
        #expect(LoopbackGrid.eventually(seconds: 5) { (try? self.grid.run(self.grid.alice, "gwps", ["-n"], proxy: path))?.status == 0 },
                "the new entry of the grid-mapfile applies without a restart")

        // `vgrid ca revoke` pushes the CRL into the trust directory: gwd refuses the next connection.
        try grid.revoke(dave)
        var refusal = ""
        #expect(LoopbackGrid.eventually(seconds: 5) {
            guard let result = try? self.grid.run(self.grid.alice, "gwps", ["-n"], proxy: path) else { return false }
            refusal = result.error
            return result.status != 0
        }, "gwd still accepts a revoked certificate")
        #expect(refusal.contains("FAILED") && refusal.lowercased().contains("revoked"), "\(refusal)")
    }

    @Test func aWorkerAddedToHostListJoinsWithoutRestartingGwd() throws {
        let extra = ("worker3.test", "127.0.0.4")
        try grid.issueHostCredential(extra.0)
        try grid.writeHostList(grid.workers + [extra])
        try grid.startGatekeeper(extra.0, address: extra.1)
        defer {
            grid.killGatekeeper(extra.0)
            try? grid.writeHostList(grid.workers)
        }
        try grid.waitForHosts(count: 3)
        #expect(try grid.run(grid.alice, "gwhost", []).output.contains(extra.0))

        // Shrinking the list takes the host out of gwhost, again without a restart.
        try grid.writeHostList(grid.workers)
        try grid.waitForHosts(count: 2)
        #expect(!(try grid.run(grid.alice, "gwhost", []).output.contains(extra.0)))
    }
}

enum ProxyFactoryHelper {
    /// A limited proxy file for a student (in their directory, owned by them).
    static func limitedProxy(of student: LoopbackGrid.Student, in grid: LoopbackGrid) throws -> String {
        try grid.put(student, "job.jt", "EXECUTABLE = /bin/true\n")
        let proxy = ProxyFile.text(of: try ProxyFactory.create(from: student.credential, options: ProxyOptions(policy: .limited, keyBits: 2048)))
        try grid.put(student, "x509up.limited", proxy, mode: 0o600)
        return student.directory + "/x509up.limited"
    }
}
