import Foundation
import GridMiddleware
import Testing
@testable import GridExec

@Suite(.enabled(if: TestUser.canSwitchUsers, "needs root to switch users"))
struct JobRunnerTests {
    @Test func runsTheProgramAsTheMappedUser() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("id -un; id -u; id -G; pwd; stat -c '%U %a' ."))
        let lines = finished.stdout.split(separator: "\n").map(String.init)
        let user = try #require(getpwnam(TestUser.name)).pointee
        #expect(lines == [TestUser.name, String(user.pw_uid), String(user.pw_gid), fixture.directory(7),
                          "\(TestUser.name) 700"])
        #expect(finished.eventNames == ["prolog", "started", "exited", "epilog"])
        #expect(finished.exitStatus == .code(0))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/busybox"), "needs busybox"))
    func runsTheProgramAsTheUserThroughBusyboxSu() async throws {
        let fixture = try ExecFixture(userSwitch: .busyboxSu(busybox: "/usr/bin/busybox"))
        let spec = try fixture.scriptSpec(#"id -un; pwd; echo "$GW_TASK_ID" "$1" "$2"; echo $$ > pid"#,
                                          extra: #"ARGUMENTS = "-c x" '$HOME'"#)
        let job = try await fixture.runner.start(spec, stageOut: fixture.sink)
        let pid = await startedPID(job)
        for await _ in job.events {}
        let result = await job.result
        let stdout = String(decoding: await fixture.sink.received(jobID: 7)["stdout.7"]?.contents ?? Data(), as: UTF8.self)
        #expect(stdout == "\(TestUser.name)\n\(fixture.directory(7))\n0 -c x $HOME\n")
        guard case .done(.code(0)) = result else { Issue.record("expected done, got \(result)"); return }
        #expect(pid != nil)
    }

    @Test func nonZeroExitIsDoneWithThatCode() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("echo bye; exit 3"))
        #expect(finished.exitStatus == .code(3))
        #expect(finished.result.outcome == .done(exitCode: 3))
        #expect(finished.eventNames == ["prolog", "started", "exited", "epilog"])
        #expect(finished.stdout == "bye\n")
    }

    @Test func deathBySignalIsDoneWithTheShellsCode() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("kill -9 $$"))
        #expect(finished.exitStatus == .signal(9))
        #expect(finished.result.outcome == .done(exitCode: 137))
    }

    @Test func missingOutputFailsNamingTheFile() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("echo partial", extra: "OUTPUT_FILES = result.dat, log.txt"))
        let failure = try #require(finished.failure)
        #expect(failure.code == .missingOutput)
        #expect(failure.message.contains("result.dat"))
        #expect(failure.message.contains("log.txt"))
        #expect(finished.eventNames == ["prolog", "started", "exited", "failed"])
        #expect(finished.stdout == "partial\n", "stdout still comes back, to show why")
        guard case .infrastructureFailure(let reason)? = finished.events.last?.jobEvent else {
            Issue.record("the failure is an infrastructure failure for gwd"); return
        }
        #expect(reason.contains("result.dat"))
    }

    @Test func stagesInputsFromDataFilesAndStreams() async throws {
        let fixture = try ExecFixture()
        let spool = fixture.base + "/spool.txt"
        try "from a file\n".write(toFile: spool, atomically: true, encoding: .utf8)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        continuation.yield(Data("from ".utf8))
        continuation.yield(Data("a stream\n".utf8))
        continuation.finish()
        let spec = try fixture.scriptSpec(
            "cat data.txt sub/copy.txt streamed.txt; stat -c '%U %a' data.txt; read line; echo \"stdin: $line\"",
            extra: "INPUT_FILES = data.txt, file:///spool/x.txt sub/copy.txt, gsiftp://head/s/streamed.txt\nSTDIN_FILE = in.txt",
            inputs: ["data.txt": .data(Data("hello\n".utf8)), "file:///spool/x.txt": .file(path: spool),
                     "gsiftp://head/s/streamed.txt": .stream(stream), "in.txt": .data(Data("typed\n".utf8))])
        let finished = try await fixture.run(spec)
        #expect(finished.stdout == "hello\nfrom a file\nfrom a stream\n\(TestUser.name) 644\nstdin: typed\n")
        #expect(finished.exitStatus == .code(0))
    }

    @Test func missingStagedInputFailsTheProlog() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("true", extra: "INPUT_FILES = absent.txt"))
        let failure = try #require(finished.failure)
        #expect(failure.code == .missingInput)
        #expect(failure.message.contains("absent.txt"))
        #expect(finished.eventNames == ["failed"])
    }

    @Test func absoluteExecutableMustExistOnTheHost() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.spec("EXECUTABLE = /usr/bin/no-such-program"))
        let failure = try #require(finished.failure)
        #expect(failure.code == .missingHostFile)
        #expect(failure.message.contains("/usr/bin/no-such-program"))

        let listing = try await fixture.run(try fixture.spec("EXECUTABLE = /bin/echo\nARGUMENTS = \"a  b\" c", jobID: 7))
        #expect(listing.stdout == "a  b c\n")
    }

    @Test func stagesOutputsBack() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.scriptSpec("echo result > out.txt; mkdir sub; echo deep > sub/o; echo oops >&2",
                                          extra: "OUTPUT_FILES = out.txt results/final.txt, sub/o\nSTDOUT_FILE = logs/job.out")
        let finished = try await fixture.run(spec)
        #expect(finished.exitStatus == .code(0))
        #expect(finished.files["out.txt"]?.destination == "results/final.txt")
        #expect(finished.text("out.txt") == "result\n")
        #expect(finished.files["sub/o"]?.destination == "sub/o")
        #expect(finished.text("sub/o") == "deep\n")
        #expect(finished.files["job.out"]?.kind == .stdout)
        #expect(finished.files["job.out"]?.destination == "logs/job.out")
        #expect(finished.files["stderr.7"]?.kind == .stderr)
        #expect(finished.text("stderr.7") == "oops\n")
    }

    @Test func exportsTheJobsEnvironment() async throws {
        let fixture = try ExecFixture()
        let variables = TemplateVariables(jobID: 7, arrayID: 5, taskID: 2, totalTasks: 4, paramStart: 10, paramIncrement: 3)
        let spec = try fixture.scriptSpec("env", extra: #"ENVIRONMENT = A=1, B="two words", GW_USER=root, C=${TASK_ID}"#,
                                          variables: variables, restarted: 1)
        let finished = try await fixture.run(spec)
        let environment = Set(finished.stdout.split(separator: "\n").map(String.init))
        let home = String(cString: try #require(getpwnam(TestUser.name)).pointee.pw_dir)
        for expected in ["GW_JOB_ID=7", "GW_TASK_ID=2", "GW_ARRAY_ID=5", "GW_TOTAL_TASKS=4", "GW_PARAM=16",
                         "GW_HOSTNAME=testnode", "GW_USER=\(TestUser.name)", "GW_RESTARTED=1", "A=1", "B=two words",
                         "C=2", "HOME=\(home)", "USER=\(TestUser.name)", "PATH=/usr/local/bin:/usr/bin:/bin"] {
            #expect(environment.contains(expected), "\(expected) missing from \(environment.sorted())")
        }
        #expect(!environment.contains("GW_USER=root"), "the template cannot override GW_* variables")
    }

    @Test func refusesToRunAsRoot() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.spec("EXECUTABLE = /usr/bin/id", user: "root")
        let finished = try await fixture.run(spec)
        let failure = try #require(finished.failure)
        #expect(failure.code == .refusedUser)
        #expect(finished.eventNames == ["failed"])
        #expect(!FileManager.default.fileExists(atPath: fixture.directory(7)))
    }

    @Test func refusesUidAndGidZeroAndUnknownUsers() throws {
        let root = LocalUser(name: "toor", uid: 0, gid: 100, home: "/", shell: "/bin/sh")
        #expect(throws: ExecError.self) { try root.checkNotRoot() }
        let wheel = LocalUser(name: "w", uid: 1234, gid: 0, home: "/", shell: "/bin/sh")
        #expect { try wheel.checkNotRoot() } throws: { ($0 as? ExecError)?.code == .refusedUser }
        #expect { try LocalUser.lookup("no-such-user-vgrid") } throws: { ($0 as? ExecError)?.code == .unknownUser }
    }

    @Test func limitsJobsToTheSlotsAndRejectsDuplicates() async throws {
        let fixture = try ExecFixture(slots: 1)
        let job = try await fixture.runner.start(try fixture.spec("EXECUTABLE = /bin/sleep\nARGUMENTS = 100"),
                                                 stageOut: fixture.sink)
        await #expect { try await fixture.runner.start(try fixture.spec("EXECUTABLE = /bin/true", jobID: 8),
                                                       stageOut: fixture.sink) } throws: { ($0 as? ExecError)?.code == .noFreeSlot }
        await #expect { try await fixture.runner.start(try fixture.spec("EXECUTABLE = /bin/true"), stageOut: fixture.sink) }
            throws: { ($0 as? ExecError)?.code == .duplicateJob }
        #expect(await fixture.runner.slots == Slots(total: 1, used: 1))
        try await fixture.runner.cancel(jobID: 7)
        _ = await job.result
        #expect(await fixture.runner.slots == Slots(total: 1, used: 0))
    }

    @Test func removesTheJobDirectoryAfterStageOutOrKeepsIt() async throws {
        let removing = try ExecFixture()
        _ = try await removing.run(try removing.scriptSpec("echo x > f"))
        #expect(!FileManager.default.fileExists(atPath: removing.directory(7)))
        #expect(FileManager.default.fileExists(atPath: removing.jobsDirectory))

        let keeping = try ExecFixture(cleanup: .never)
        _ = try await keeping.run(try keeping.scriptSpec("echo x > f"))
        #expect(FileManager.default.fileExists(atPath: keeping.directory(7) + "/f"))

        let keepFailed = try ExecFixture(cleanup: .keepFailed)
        _ = try await keepFailed.run(try keepFailed.scriptSpec("true", extra: "OUTPUT_FILES = missing"))
        #expect(FileManager.default.fileExists(atPath: keepFailed.directory(7) + "/job.sh"))
        _ = try await keepFailed.run(try keepFailed.scriptSpec("true", jobID: 8))
        #expect(!FileManager.default.fileExists(atPath: keepFailed.directory(8)))
    }

    @Test func cleanupDoesNotFollowLinksOutOfTheJobDirectory() async throws {
        let fixture = try ExecFixture()
        let keep = fixture.base + "/keep"
        try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        try "precious".write(toFile: keep + "/file", atomically: true, encoding: .utf8)
        let finished = try await fixture.run(try fixture.scriptSpec("ln -s \(keep) link; ln -s \(keep)/file flink"))
        #expect(finished.exitStatus == .code(0))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory(7)))
        #expect(FileManager.default.fileExists(atPath: keep + "/file"))
    }

    @Test func aRestartedJobReplacesTheLeftoverDirectory() async throws {
        let fixture = try ExecFixture(cleanup: .never)
        _ = try await fixture.run(try fixture.scriptSpec("echo first > left.txt"))
        let finished = try await fixture.run(try fixture.scriptSpec("ls", restarted: 1))
        #expect(finished.stdout == "job.sh\nstderr.7\nstdout.7\n")
    }
}
