import Testing
@testable import Tutorials

/// Reading checkable blocks out of Markdown.
struct TutorialParserTests {
    @Test func readsConsoleBlocksWithAttributesCommandsAndOutput() throws {
        let markdown = """
            # Title

            ```console node=head user=alice
            $ hostname
            head
            $ cd /tmp
            $ pwd
            /tmp
            ```

            ```sh
            $ not checked
            ```

            ```console host exit=3 timeout=30 retry=10 input="$PASSPHRASE x"
            $ false
            ```
            """
        let tutorial = try TutorialParser.parse(markdown, path: "t.md")
        #expect(tutorial.steps.count == 2)
        let first = tutorial.steps[0]
        #expect(first.number == 1 && first.line == 3)
        #expect(first.target == .node("head", user: "alice"))
        #expect(first.commands.map(\.text) == ["hostname", "cd /tmp", "pwd"])
        #expect(first.commands.map(\.line) == [4, 6, 7])
        #expect(first.commands[0].expected == [ExpectedLine("head", line: 5)])
        #expect(first.commands[1].expected.isEmpty)
        #expect(first.label == "head, alice")
        let second = tutorial.steps[1]
        #expect(second.number == 2 && second.target == .host)
        #expect(second.exitStatus == 3 && second.timeout == 30 && second.retry == 10)
        #expect(second.input == "$PASSPHRASE x")
    }

    @Test func joinsContinuationLinesToTheirCommand() throws {
        let markdown = """
            ```console node=head
            $ cat > a.jt <<EOF
            > EXECUTABLE = /bin/date
            > EOF
            $ cat a.jt
            EXECUTABLE = /bin/date
            > not a continuation: output
            ```
            """
        let step = try #require(try TutorialParser.parse(markdown, path: "t.md").steps.first)
        #expect(step.commands[0].text == "cat > a.jt <<EOF\nEXECUTABLE = /bin/date\nEOF")
        #expect(step.target == .node("head", user: nil))
        #expect(step.commands[1].expected.map(\.text) == ["EXECUTABLE = /bin/date", "> not a continuation: output"])
    }

    @Test func stripsTheIndentOfBlocksInsideLists() throws {
        let markdown = "1. Run it:\n\n   ```console node=worker1 user=root\n   $ hostname\n   worker1\n   ```\n"
        let step = try #require(try TutorialParser.parse(markdown, path: "t.md").steps.first)
        #expect(step.commands == [Command(text: "hostname", line: 4, expected: [ExpectedLine("worker1", line: 5)])])
        #expect(step.user == nil)
    }

    @Test(arguments: [
        ("```console node=head colour=red\n$ x\n```\n", 1, "unknown attribute 'colour'"),
        ("```console\n$ x\n```\n", 1, "without node=NAME or host"),
        ("```console node=head host\n$ x\n```\n", 1, "not both"),
        ("text\n```console node=head\noutput first\n$ x\n```\n", 3, "output before the first command"),
        ("```console node=head exit=x\n$ x\n```\n", 1, "exit= needs"),
        ("```console node=head\n```\n", 1, "without a command"),
        ("\n```console node=head\n$ x\n", 2, "not closed"),
    ])
    func reportsMalformedBlocksWithTheirLine(markdown: String, line: Int, message: String) {
        do {
            _ = try TutorialParser.parse(markdown, path: "bad.md")
            Issue.record("no error for \(markdown)")
        } catch let error as TutorialError {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("bad.md:\(line): error:"))
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func readsPassphrasesFromTheInstructorSheet() {
        let sheet = InstructorSheet(text: """
            # vgrid lab 'intro': grid accounts.

            account:    alice
            DN:         /O=Grid/CN=alice
            passphrase: WHgst GQz

            account:    bob
            DN:         /O=Grid/CN=bob
            passphrase: kqn
            """)
        #expect(sheet.passphrases == ["alice": "WHgst GQz", "bob": "kqn"])
    }
}
