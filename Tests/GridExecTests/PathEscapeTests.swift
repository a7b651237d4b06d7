import Foundation
import GridMiddleware
import Testing
@testable import GridExec

/// No file name from a template leaves the job's directory: lexically (JobPlan) and at run
/// time (JobDirectory opens every component with O_NOFOLLOW and checks the owner).
@Suite(.enabled(if: TestUser.canSwitchUsers, "needs root to switch users"))
struct PathEscapeTests {
    /// A template built directly, bypassing the parser's own checks.
    func template(_ edit: (inout JobTemplate) -> Void) -> JobTemplate {
        var template = JobTemplate()
        template.executable = "/bin/true"
        template.stdoutFile = "stdout.7"
        template.stderrFile = "stderr.7"
        edit(&template)
        return template
    }

    @Test func rejectsAnInputDestinationWithDotDot() async throws {
        let fixture = try ExecFixture()
        let spec = JobSpec(jobID: 7, template: template { $0.inputFiles = [FileTransfer("in.txt", "../escape.txt")] },
                           user: TestUser.name, inputs: ["in.txt": .data(Data("x".utf8))])
        let finished = try await fixture.run(spec)
        let failure = try #require(finished.failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("../escape.txt"))
        #expect(!FileManager.default.fileExists(atPath: fixture.jobsDirectory + "/escape.txt"))
        #expect(finished.eventNames == ["failed"])
    }

    @Test func rejectsAbsoluteAndEscapingOutputs() async throws {
        let fixture = try ExecFixture()
        for output in ["/etc/shadow", "../../etc/passwd", "a/../../x"] {
            let spec = JobSpec(jobID: 7, template: template { $0.outputFiles = [FileTransfer(output)] }, user: TestUser.name)
            let failure = try #require(try await fixture.run(spec).failure, "\(output) accepted")
            #expect(failure.code == .unsafePath)
            #expect(failure.message.contains(output))
        }
    }

    @Test func rejectsADestinationForAnUnstagedHostPath() throws {
        #expect { try JobPlan(template: template { $0.inputFiles = [FileTransfer("/etc/hosts", "hosts")] }) }
            throws: { ($0 as? ExecError)?.code == .invalidTemplate }
    }

    @Test func refusesASymlinkOutputPointingOutside() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.scriptSpec("ln -s /etc/shadow out.txt; echo done", extra: "OUTPUT_FILES = out.txt")
        let finished = try await fixture.run(spec)
        let failure = try #require(finished.failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("out.txt"))
        #expect(failure.message.contains("symbolic link"))
        #expect(finished.files["out.txt"] == nil)
        #expect(!finished.files.values.contains { String(decoding: $0.contents, as: UTF8.self).contains("root:") })
    }

    @Test func refusesASymlinkOutputEvenToTheUsersOwnFile() async throws {
        let fixture = try ExecFixture()
        let outside = String(cString: try #require(getpwnam(TestUser.name)).pointee.pw_dir) + "/outside-\(UUID().uuidString)"
        defer { unlink(outside) }
        let spec = try fixture.scriptSpec("echo mine > \(outside) && ln -s \(outside) out.txt", extra: "OUTPUT_FILES = out.txt")
        let finished = try await fixture.run(spec)
        let failure = try #require(finished.failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("symbolic link"))
        #expect(finished.files["out.txt"] == nil)
    }

    @Test func refusesAnOutputBehindASymlinkedDirectory() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.scriptSpec("ln -s /etc etc", extra: "OUTPUT_FILES = etc/shadow")
        let failure = try #require(try await fixture.run(spec).failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("etc/shadow"))
        #expect(failure.message.contains("symbolic link"))
    }

    @Test func refusesAHardLinkToAFileTheUserDoesNotOwn() async throws {
        let fixture = try ExecFixture()
        let secret = fixture.base + "/secret"
        try "not yours".write(toFile: secret, atomically: true, encoding: .utf8)
        chmod(secret, 0o666)  // linkable by the user even with fs.protected_hardlinks=1
        let spec = try fixture.scriptSpec("ln \(secret) out.txt && echo linked", extra: "OUTPUT_FILES = out.txt")
        let finished = try await fixture.run(spec)
        #expect(finished.stdout == "linked\n")
        let failure = try #require(finished.failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("owned by uid 0"))
        #expect(finished.files["out.txt"] == nil)
    }

    @Test func stdoutIsReadFromTheFileTheProgramGotNotByName() async throws {
        let fixture = try ExecFixture()
        let spec = try fixture.scriptSpec("echo mine; rm stdout.7; ln -s /etc/shadow stdout.7")
        let finished = try await fixture.run(spec)
        #expect(finished.stdout == "mine\n")
        #expect(finished.exitStatus == .code(0))
    }

    @Test func refusesAStdinFileNotEveryoneMayRead() async throws {
        let fixture = try ExecFixture()
        let finished = try await fixture.run(try fixture.scriptSpec("cat", extra: "STDIN_FILE = /etc/shadow"))
        let failure = try #require(finished.failure)
        #expect(failure.code == .unsafePath)
        #expect(failure.message.contains("/etc/shadow"))

        let readable = fixture.base + "/public.txt"
        try "public\n".write(toFile: readable, atomically: true, encoding: .utf8)
        chmod(readable, 0o644)
        let allowed = try await fixture.run(try fixture.scriptSpec("cat", extra: "STDIN_FILE = \(readable)"))
        #expect(allowed.stdout == "public\n")
    }
}

struct JobPlanTests {
    @Test func namesStagedFilesLikeGridWay() throws {
        var template = JobTemplate()
        template.executable = "bin/prog"
        template.arguments = "-n 'two words'"
        template.inputFiles = [FileTransfer("data/in.txt"), FileTransfer("gsiftp://head/x/y.dat", "sub/y"),
                               FileTransfer("/scratch/big.db")]
        template.outputFiles = [FileTransfer("out.txt", "results/out.txt")]
        template.stdoutFile = "logs/stdout.7"
        template.stderrFile = "/dev/null"
        let plan = try JobPlan(template: template)
        #expect(plan.program == .staged(name: "prog"))
        #expect(plan.arguments == ["-n", "two words"])
        #expect(plan.staged.map(\.name) == ["prog", "in.txt", "sub/y"])
        #expect(plan.staged.map(\.key) == ["bin/prog", "data/in.txt", "gsiftp://head/x/y.dat"])
        #expect(plan.hostInputs == ["/scratch/big.db"])
        #expect(plan.stdoutName == "stdout.7")
        #expect(plan.stderrName == nil)
        #expect(plan.outputs.map(\.destination) == ["logs/stdout.7", "results/out.txt"])
    }

    @Test func rejectsTwoFilesStagedUnderOneName() {
        var template = JobTemplate()
        template.executable = "/bin/true"
        template.inputFiles = [FileTransfer("a/in.txt"), FileTransfer("b/in.txt")]
        #expect { try JobPlan(template: template) } throws: { ($0 as? ExecError)?.code == .invalidTemplate }
    }

    @Test(arguments: ["../x", "/abs", "a/../../b", "~/x"])
    func rejectsEscapingInputDestinations(destination: String) {
        var template = JobTemplate()
        template.executable = "/bin/true"
        template.inputFiles = [FileTransfer("in.txt", destination)]
        #expect { try JobPlan(template: template) } throws: {
            ($0 as? ExecError)?.code == .unsafePath && ($0 as? ExecError)?.message.contains(destination) == true
        }
    }

    @Test func requiresAnExecutable() {
        #expect { try JobPlan(template: JobTemplate()) } throws: { ($0 as? ExecError)?.code == .invalidTemplate }
    }
}
