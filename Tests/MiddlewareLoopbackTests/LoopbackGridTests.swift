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
