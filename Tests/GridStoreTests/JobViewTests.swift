import Foundation
import Testing
import GridMiddleware
@testable import GridStore

struct JobViewTests {
    @Test func submitWritesTheTemplateStateAndLogInGridWaysFormats() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let request = try submission()
        let id = try store.submit(request, at: t0).id
        store.flushView()
        #expect(store.viewDirectory(of: id) == fixture.viewRoot.appendingPathComponent("0", isDirectory: true))
        #expect(fixture.text(id, "job.template") == request.template.normalized())
        #expect(fixture.text(id, "job.state") == "1772713909 PENDING\n")
        #expect(fixture.text(id, "job.log") == "Thu Mar  5 12:31:49 2026 [DM][I]: New state is PENDING.\n")
        #expect(fixture.text(id, "job.history") == nil && fixture.text(id, "job.env") == nil)
    }

    @Test func aRunAppendsStatesHistoryAndLog() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(), at: t0).id
        try store.run(id, on: worker1, from: t0 + 10)
        store.flushView()
        let seconds = Int(t0.timeIntervalSince1970)
        #expect(fixture.text(id, "job.state") == """
            \(seconds) PENDING
            \(seconds + 10) PROLOG
            \(seconds + 15) WRAPPER
            \(seconds + 45) EPILOG
            \(seconds + 47) DONE

            """)
        let record = try #require(try store.history(of: id).first)
        #expect(fixture.text(id, "job.history") == HistoryFormatter(timeZone: utc).row(record, now: t0 + 47) + "\n")
        #expect(fixture.text(id, "job.history")?.hasPrefix("0   12:31:59 12:32:36 0:00:05 0:00:30 0:00:02 0:00:00 ----") == true)
        let log = try #require(fixture.text(id, "job.log")).split(separator: "\n")
        #expect(log.count == 6)
        #expect(log.last == "Thu Mar  5 12:32:36 2026 [DM][I]: Job done, exit code 0.")
        #expect(log.allSatisfy { $0.wholeMatch(of: #/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \[DM\]\[[IWE]\]: .+/#) != nil })
    }

    @Test func failuresAreLoggedAsWarningsThenErrors() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(retries: 1), at: t0).id
        for host in [worker1, worker2] {
            try store.apply(.dispatch(host), to: id, at: t0 + 1)
            try store.apply(.infrastructureFailure(reason: "transfer refused"), to: id, at: t0 + 2)
        }
        store.flushView()
        let log = try #require(fixture.text(id, "job.log"))
        #expect(log.contains("[DM][W]: infrastructure failure on worker1: transfer refused; rescheduling (retry 1 of 1)\n"))
        #expect(log.hasSuffix("[DM][E]: Job failed: infrastructure failure on worker2: transfer refused; gave up after 2 attempts (NUMBER_OF_RETRIES = 1)\n"))
        #expect(fixture.text(id, "job.history")?.split(separator: "\n").map { $0.contains("err") } == [true, true])
        #expect(fixture.text(id, "job.state")?.hasSuffix(" FAILED\n") == true)
    }

    @Test func theEnvironmentFileIsSourceableByTheWrapper() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(), at: t0).id
        let tricky = #"say "hi" to $HOME and `date` \ ok"#
        try store.recordEnvironment([EnvironmentVariable("GW_JOB_ID", "0"), EnvironmentVariable("MSG", tricky)], of: id)
        store.flushView()
        #expect(fixture.text(id, "job.env") == #"""
            export GW_JOB_ID="0"
            export MSG="say \"hi\" to \$HOME and \`date\` \\ ok"

            """#)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", #". "$1/job.env" && printf '%s|%s' "$GW_JOB_ID" "$MSG""#, "sh", fixture.viewRoot.appendingPathComponent("0").path]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        shell.waitUntilExit()
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "0|" + tricky)
        #expect(try store.jobRecord(id)?.environment == fixture.text(id, "job.env"))
    }

    @Test func wrapperStreamsLiveInTheJobDirectory() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(), at: t0).id
        let streams = try #require(try store.wrapperStreams(of: id, attempt: 1))
        #expect(streams.stdout.path == fixture.viewRoot.appendingPathComponent("0/stdout.wrapper.1").path)
        #expect(streams.stderr.lastPathComponent == "stderr.wrapper.1")
        #expect(FileManager.default.fileExists(atPath: streams.stdout.deletingLastPathComponent().path))
    }

    @Test func rebuildRestoresALaggingViewFromTheDatabase() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let id = try store.submit(submission(), at: t0).id
        try store.apply(.dispatch(worker1), to: id, at: t0 + 1)
        try store.apply(.infrastructureFailure(reason: "lost"), to: id, at: t0 + 2)
        try store.recordEnvironment([EnvironmentVariable("A", "1")], of: id)
        let streams = try #require(try store.wrapperStreams(of: id, attempt: 0))
        try Data("out".utf8).write(to: streams.stdout)
        store.flushView()
        let before = JobFile.allCases.map { fixture.text(id, $0.rawValue) }
        // A crash lost some lines, and a student deleted a file.
        try Data("1 PENDING\n".utf8).write(to: fixture.viewRoot.appendingPathComponent("0/job.state"))
        try FileManager.default.removeItem(at: fixture.viewRoot.appendingPathComponent("0/job.log"))
        try store.rebuildView(jobIDs: [id])
        store.flushView()
        #expect(JobFile.allCases.map { fixture.text(id, $0.rawValue) } == before)
        #expect(fixture.text(id, "stdout.wrapper.0") == "out")
    }

    @Test func viewFailuresAreReportedNotThrown() throws {
        let fixture = try StoreFixture()
        try Data("not a directory".utf8).write(to: fixture.viewRoot)
        let errors = ErrorLog()
        let store = try fixture.open(onViewError: { errors.append($0) })
        let id = try store.submit(submission(), at: t0).id
        store.flushView()
        #expect(try store.job(id)?.state == .pending)
        #expect(!errors.errors.isEmpty)
        #expect(errors.errors.allSatisfy { $0.code == .viewWriteFailed && $0.jobID == id })
        #expect(errors.errors.first?.hint?.contains("rebuildView") == true)
    }

    @Test func noViewIsWrittenWithoutAViewRoot() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open(view: false)
        _ = try store.submit(submission(), at: t0)
        store.flushView()
        #expect(store.viewDirectory(of: 0) == nil)
        #expect(!FileManager.default.fileExists(atPath: fixture.viewRoot.path))
    }
}
