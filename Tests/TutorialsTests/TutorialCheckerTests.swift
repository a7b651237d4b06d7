import Foundation
import Testing
@testable import Tutorials

/// A runner that answers each script from a table of command outputs, as a node would.
final class FakeRunner: StepRunner, @unchecked Sendable {
    /// Output and status per command text.
    var answers: [String: (String, Int32)]
    var calls: [(node: String, user: String?, input: String?)] = []

    init(_ answers: [String: (String, Int32)]) { self.answers = answers }

    func runOnNode(_ node: String, user: String?, script: String, input: String?, timeout: Double) throws -> (status: Int32, output: String) {
        calls.append((node, user, input))
        return (0, play(script))
    }

    func runOnHost(script: String, input: String?, environment: [String: String], timeout: Double) throws -> (status: Int32, output: String) {
        calls.append(("host", nil, input))
        return (0, play(script))
    }

    /// Prints each known command's answer followed by its marker, as the real script would.
    func play(_ script: String) -> String {
        var output = ""
        var number = 0
        for line in script.split(separator: "\n").map(String.init) {
            guard let (text, status) = answers[line] else { continue }
            number += 1
            output += text + "\n\(StepScript.markerPrefix) \(number) \(status)@@\n"
        }
        return output
    }
}

struct TutorialCheckerTests {
    let markdown = """
        # Jobs

        ```console node=head user=alice input=$PASSPHRASE
        $ grid-proxy-init -pwstdin
        Your identity: /O=Grid/OU=simpleCA-$LAB/CN=alice
        ...
        ```

        ```console node=head user=alice
        $ gwps
        USER JID DM <...>
        alice:1001 0 done <...>
        ```
        """

    func checker(_ runner: FakeRunner) -> TutorialChecker {
        var checker = TutorialChecker(runner: runner, context: TutorialContext(
            instance: "it-tutorial", nodes: ["head", "worker1"], users: ["alice"], passphrases: ["alice": "s3cret"]))
        checker.retryDelay = 0
        return checker
    }

    @Test func passesWhenEveryCommandMatchesAndMapsNodesAndPlaceholders() throws {
        let runner = FakeRunner([
            "grid-proxy-init -pwstdin": ("Your identity: /O=Grid/OU=simpleCA-it-tutorial/CN=alice\nCreating proxy .... Done", 0),
            "gwps": ("USER         JID DM   EM\nalice:1001   0   done ----", 0),
        ])
        let tutorial = try TutorialParser.parse(markdown, path: "course-material/06-jobs.md")
        let outcome = checker(runner).check(tutorial)
        #expect(outcome.ok, "\(String(describing: outcome.failure))")
        #expect(outcome.passed.map(\.step) == [1, 2])
        #expect(runner.calls.first?.node == "it-tutorial-head")
        #expect(runner.calls.first?.user == "alice")
        #expect(runner.calls.first?.input == "s3cret\n")
    }

    @Test func reportsTheFailingStepWithFileLineAndAnExcerpt() throws {
        let runner = FakeRunner([
            "grid-proxy-init -pwstdin": ("Your identity: /O=Grid/OU=simpleCA-it-tutorial/CN=alice", 0),
            "gwps": ("USER         JID DM   EM\nalice:1001   0   wrap actv", 0),
        ])
        let tutorial = try TutorialParser.parse(markdown, path: "course-material/06-jobs.md")
        let outcome = checker(runner).check(tutorial)
        let failure = try #require(outcome.failure)
        #expect(outcome.passed.count == 1)
        #expect(failure.path == "course-material/06-jobs.md" && failure.line == 10 && failure.step == 2)
        let text = failure.description
        #expect(text.hasPrefix("course-material/06-jobs.md:10: step 2 (head, alice): output does not match"), "\(text)")
        #expect(text.contains("  > alice:1001 0 done <...>  (line 12)"), "\(text)")
        #expect(text.contains("  > alice:1001   0   wrap actv"), "\(text)")
        #expect(text.contains("actual (exit status 0):"), "\(text)")
    }

    @Test func checksExitStatusOfEveryCommand() throws {
        let markdown = "```console node=head exit=1\n$ first\n$ last\n```\n"
        let tutorial = try TutorialParser.parse(markdown, path: "t.md")
        #expect(checker(FakeRunner(["first": ("", 0), "last": ("", 1)])).check(tutorial).ok)
        let failure = try #require(checker(FakeRunner(["first": ("", 2), "last": ("", 1)])).check(tutorial).failure)
        #expect(failure.line == 2 && failure.message == "exit status 2, expected 0")
        let missing = try #require(checker(FakeRunner(["first": ("", 0)])).check(tutorial).failure)
        #expect(missing.line == 3 && missing.message.contains("ended before"))
    }

    @Test func retriesUntilTheOutputMatches() throws {
        final class Flaky: StepRunner, @unchecked Sendable {
            var count = 0
            func runOnNode(_ node: String, user: String?, script: String, input: String?, timeout: Double) throws -> (status: Int32, output: String) {
                count += 1
                return (0, (count < 3 ? "0/0/0" : "0/2/2") + "\n\(StepScript.markerPrefix) 1 0@@\n")
            }
        }
        let tutorial = try TutorialParser.parse("```console node=head retry=30\n$ gwhost\n0/2/2\n```\n", path: "t.md")
        let runner = Flaky()
        var checker = TutorialChecker(runner: runner, context: TutorialContext(instance: "x", nodes: ["head"], users: []))
        checker.retryDelay = 0
        let outcome = checker.check(tutorial)
        #expect(outcome.ok && outcome.passed.first?.attempts == 3)
    }

    @Test func refusesNodesAndUsersTheLabLacks() throws {
        let tutorial = try TutorialParser.parse("```console node=worker9 user=alice\n$ x\n```\n", path: "t.md")
        #expect(throws: TutorialError.self) { try checker(FakeRunner([:])).validate(tutorial) }
        let carol = try TutorialParser.parse("\n```console node=head user=carol\n$ x\n```\n", path: "t.md")
        #expect { try checker(FakeRunner([:])).validate(carol) } throws: { ($0 as? TutorialError)?.line == 2 }
    }

    @Test func splitsOutputAtMarkers() {
        let output = "abc\n\n\(StepScript.markerPrefix) 1 0@@\nno newline\n\(StepScript.markerPrefix) 2 3@@\n\n\(StepScript.markerPrefix) 3 0@@\nleft"
        let (pieces, rest) = StepScript.pieces(of: output)
        #expect(pieces == [.init(lines: ["abc"], status: 0), .init(lines: ["no newline"], status: 3), .init(lines: [], status: 0)])
        #expect(rest == ["left"])
    }

    @Test func scriptRunsCommandsInOneShellAndKeepsTheSession() {
        let step = Step(number: 1, line: 1, target: .node("head", user: "alice"),
                        commands: [Command(text: "cd /tmp", line: 2), Command(text: "cat <<EOF\nx\nEOF", line: 3)])
        let script = StepScript(session: "ab12").script(for: step)
        #expect(script.hasPrefix("exec 2>&1\n"))
        #expect(script.contains("cd /tmp\n__vgrid_status=$?"))
        #expect(script.contains("cat <<EOF\nx\nEOF\n__vgrid_status=$?"))
        #expect(script.contains("if [ -f /tmp/.vgrid-tutorial.ab12.$(id -u) ]; then . /tmp/.vgrid-tutorial.ab12.$(id -u); fi"))
    }
}
