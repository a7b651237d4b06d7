import Foundation
import GridCA
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwSubmitTests {
    /// Answers a submission with job 7, or an array 3 of jobs 7, 8, ...
    static let answer: FakeGwd.Answer = { request in
        guard case .submit(let submit) = request else { throw unexpected(request) }
        if let tasks = submit.options.arrayTasks { return .submitted(SubmitResult(jobIDs: Array(7..<(7 + tasks)), arrayID: 3)) }
        return .submitted(SubmitResult(jobIDs: [7]))
    }

    static func template(_ text: String = "EXECUTABLE = /bin/hostname\n") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("hostname.jt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func parsesGridWayStyleOptions() throws {
        let command = try GwSubmit(options: GwSubmit.parser.parse(["-v", "-o", "-d", "1 2", "-p", "5", "-n", "10", "-s", "0", "-i", "-2", "-t", "x.jt"]))
        #expect(command.verbose)
        #expect(command.templatePath == "x.jt")
        #expect(command.submitOptions == SubmitOptions(arrayTasks: 10, arrayStart: 0, arrayIncrement: -2, hold: true, dependencies: [1, 2], priority: 5))
        let clustered = try GwSubmit(options: GwSubmit.parser.parse(["-vo", "-n3", "-d", "4,5", "job.jt"]))
        #expect(clustered.verbose && clustered.submitOptions.hold)
        #expect(clustered.submitOptions.arrayTasks == 3)
        #expect(clustered.submitOptions.dependencies == [4, 5])
        #expect(clustered.templatePath == "job.jt")
    }

    @Test func refusesBadOptions() {
        #expect(throws: UsageError.self) { try GwSubmit(options: GwSubmit.parser.parse(["-s", "3", "x.jt"])) }
        #expect(throws: UsageError.self) { try GwSubmit(options: GwSubmit.parser.parse(["-n", "0", "x.jt"])) }
        #expect(throws: UsageError.self) { try GwSubmit(options: GwSubmit.parser.parse(["-p", "21", "x.jt"])) }
        #expect(throws: UsageError.self) { try GwSubmit(options: GwSubmit.parser.parse(["-d", "one", "x.jt"])) }
        #expect(throws: UsageError.self) { try GwSubmit(options: GwSubmit.parser.parse(["a.jt", "b.jt"])) }
    }

    @Test func usageErrorsPrintFailedAndTheSyntax() async {
        let result = await run(GwSubmit.self, ["-p", "x", "a.jt"], environment: [:])
        #expect(result.status != 0)
        #expect(result.errors.hasPrefix("FAILED: option -p : 'x' is not a whole number"))
        #expect(result.errors.contains("Syntax: gwsubmit"))
    }

    @Test func dashHPrintsHelp() async {
        let result = await run(GwSubmit.self, ["-h"], environment: [:])
        #expect(result.status == 0)
        #expect(result.output.contains("Syntax: gwsubmit [-h] [-v] [-o]"))
        #expect(result.output.contains("-n <tasks>"))
    }

    @Test func sendsTheTemplateItsDirectoryAndTheProxy() async throws {
        let file = try Self.template()
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, ["-v", "-o", "-p", "3", "-d", "1 2", file.path], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "JOB ID: 7\n")
            let sent = try #require(gwd.submissions.first)
            #expect(gwd.submissions.count == 1)
            #expect(sent.template == "EXECUTABLE = /bin/hostname\n")
            #expect(sent.templateName == "hostname.jt")
            #expect(sent.proxy == GridWayTestLab.shared.proxyText)
            #expect(sent.options == SubmitOptions(hold: true, dependencies: [1, 2], priority: 3,
                                                  workingDirectory: file.deletingLastPathComponent().standardizedFileURL.path))
        }
    }

    @Test func anArrayPrintsItsTaskTable() async throws {
        let file = try Self.template()
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, ["-v", "-n", "3", "-s", "10", "-i", "5", "-t", file.path], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output == "ARRAY ID: 3\n\nTASK JOB\n0    7\n1    8\n2    9\n\n")
            let options = try #require(gwd.submissions.first?.options)
            #expect(options.arrayTasks == 3 && options.arrayStart == 10 && options.arrayIncrement == 5)
        }
    }

    @Test func withoutDashVNothingIsPrinted() async throws {
        let file = try Self.template()
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, [file.path], environment: gwd.environment)
            #expect(result.status == 0)
            #expect(result.output.isEmpty)
            #expect(gwd.submissions.count == 1)
        }
    }

    @Test func readsTheTemplateFromStandardInput() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, ["-v"], environment: gwd.environment, stdin: "EXECUTABLE = /bin/date\nARGUMENTS = -u\n")
            #expect(result.status == 0, "\(result.errors)")
            let sent = try #require(gwd.submissions.first)
            #expect(sent.template == "EXECUTABLE = /bin/date\nARGUMENTS = -u\n")
            #expect(sent.templateName == nil)
            #expect(sent.options.workingDirectory == FileManager.default.currentDirectoryPath)
        }
    }

    @Test func aMissingTemplateFailsBeforeCallingGwd() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, ["/nonexistent/dir/job.jt"], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.errors.hasPrefix("FAILED: the job template /nonexistent/dir/job.jt does not exist"))
            #expect(gwd.submissions.isEmpty)
        }
    }

    @Test func emptyStandardInputIsAFailureWithAHint() async throws {
        try await FakeGwd.with(Self.answer) { gwd in
            let result = await run(GwSubmit.self, [], environment: gwd.environment, stdin: "")
            #expect(result.status != 0)
            #expect(result.errors.contains("FAILED: no job template given"))
            #expect(result.errors.contains("hint: gwsubmit -t job.jt, or cat job.jt | gwsubmit"))
        }
    }

    @Test func gwdsRefusalIsPrintedWithItsHint() async throws {
        let file = try Self.template("EXECUTABEL = x\n")
        try await FakeGwd.with({ _ in
            throw WireError.remote("template", "hostname.jt:1: unknown key EXECUTABEL", hint: "did you mean EXECUTABLE?")
        }) { gwd in
            let result = await run(GwSubmit.self, [file.path], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.errors == "FAILED: hostname.jt:1: unknown key EXECUTABEL\nhint: did you mean EXECUTABLE?\n")
        }
    }
}
