import Foundation
import Testing
@testable import Provisioning

/// `vgrid exec`: output handed over while the command runs, read from files that grow in
/// the guest (an in-memory FakeGuest here).
struct GuestAgentStreamingTests {
    /// Everything a run delivered, and what the guest looked like at each stdout chunk.
    final class Collected {
        var stdout: [String] = []
        var stderr: [UInt8] = []
        var exitedAtChunk: [Bool] = []
    }

    static func run(_ guest: FakeGuest, _ argv: [String] = ["gwps", "-u", "alice"], user: String? = nil,
                    timeout: Double? = 10) throws -> (status: Int32, collected: Collected) {
        let collected = Collected()
        let status = try guest.agent().runStreaming(argv, user: user, timeoutSeconds: timeout, stdout: { chunk in
            collected.stdout.append(String(decoding: chunk, as: UTF8.self))
            collected.exitedAtChunk.append(guest.streamingPID.map(guest.hasExited) ?? false)
        }, stderr: { chunk in
            collected.stderr += chunk
        })
        return (status, collected)
    }

    @Test func deliversStdoutChunksInOrderAndReturnsTheExitCode() throws {
        let guest = FakeGuest(program: .init(steps: [("one\n", ""), ("", ""), ("two\n", "warn\n"), ("three\n", "")],
                                             exitCode: 3))
        let (status, collected) = try Self.run(guest)
        #expect(status == 3)
        #expect(collected.stdout.joined() == "one\ntwo\nthree\n")
        #expect(collected.stdout == ["one\n", "two\n", "three\n"])
        #expect(collected.stderr == Array("warn\n".utf8))
        #expect(collected.exitedAtChunk.first == false, "the first chunk must arrive while the command runs")
    }

    @Test func drainsOutputWrittenAsTheCommandExits() throws {
        // The last step writes more than one read returns, on the poll that reports the exit.
        let big = String(repeating: "0123456789abcdef", count: 10_000)
        let guest = FakeGuest(program: .init(steps: [("start\n", ""), (big, "bye\n")], exitCode: 0), maxRead: 40_000)
        let (status, collected) = try Self.run(guest)
        #expect(status == 0)
        #expect(collected.stdout.joined() == "start\n" + big)
        #expect(collected.stderr == Array("bye\n".utf8))
    }

    @Test func runsTheCommandThroughAShellWithQuotedArguments() throws {
        let guest = FakeGuest(program: .init(steps: [("ok\n", "")], exitCode: 0))
        _ = try Self.run(guest, ["echo", "it's", "a b", "$HOME"], user: "alice")
        let shell = try #require(guest.executed.first)
        #expect(shell.prefix(2) == ["/bin/sh", "-c"])
        let script = shell.last ?? ""
        #expect(script.contains("exec su -s /bin/sh alice -c "))
        // The inner command, unquoted once by the outer shell, is the argv quoted for su's shell.
        #expect(script.contains(GuestAgent.shellQuote("echo 'it'\\''s' 'a b' '$HOME'")))
    }

    @Test func shellQuoteRoundTripsThroughSh() throws {
        for word in ["plain", "it's", "a b", "$HOME", "`date`", "", "tab\there", "back\\slash", "\"q\""] {
            let run = try runHost("sh", ["-c", "printf '%s' \(GuestAgent.shellQuote(word))"])
            #expect(run.stdout == word, "\(word) came back as \(run.stdout)")
        }
    }

    @Test func closesHandlesAndRemovesItsFiles() throws {
        let guest = FakeGuest(program: .init(steps: [("a", ""), ("b", "")], exitCode: 0))
        _ = try Self.run(guest)
        #expect(guest.openHandles == 0)
        let rm = try #require(guest.executed.last)
        #expect(rm.first == "/bin/rm")
        for path in rm.dropFirst() where path.hasPrefix("/run/vgrid/exec/") {
            #expect(guest.file(path) == nil, "\(path) left in the guest")
        }
        #expect(rm.contains { $0.hasSuffix(".out") } && rm.contains { $0.hasSuffix(".err") })
    }

    @Test func signalBecomes128PlusSignal() throws {
        let guest = FakeGuest(program: .init(steps: [("x", "")], exitCode: nil, signal: 9))
        #expect(try Self.run(guest).status == 137)
    }

    @Test func timeoutKillsTheCommandAndThrows() throws {
        let guest = FakeGuest(program: .init(steps: [("tick\n", "")], exitCode: nil, hangs: true))
        let error = provisioningError(.agent) { _ = try Self.run(guest, ["sleep", "1000"], timeout: 0.2) }
        #expect(error?.message.contains("did not finish") == true)
        let pid = try #require(guest.streamingPID)
        #expect(guest.executed.contains(["/bin/kill", "-9", String(pid)]))
    }
}
