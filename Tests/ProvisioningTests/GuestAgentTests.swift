import Foundation
import Testing
@testable import Provisioning

/// The QEMU guest agent protocol as vgrid speaks it, over a recording fake transport.
struct GuestAgentTests {
    @Test func pingSendsGuestPing() throws {
        let transport = RecordingTransport(reply: #"{"return":{}}"#)
        try transport.agent().ping(timeoutSeconds: 3)
        #expect(transport.requests == [#"{"execute":"guest-ping"}"#])
        #expect(transport.timeouts == [3])
    }

    @Test func hostnameReadsHostName() throws {
        let transport = RecordingTransport(reply: #"{"return":{"host-name":"worker1"}}"#)
        #expect(try transport.agent().hostname() == "worker1")
        #expect(transport.decoded.first?["execute"] as? String == "guest-get-host-name")
    }

    @Test func execSendsPathArgumentsAndCaptureAndReturnsThePID() throws {
        let transport = RecordingTransport(reply: #"{"return":{"pid":4242}}"#)
        let pid = try transport.agent().exec(["/bin/echo", "hello", "it's /tmp"])
        #expect(pid == 4242)
        let request = try #require(transport.decoded.first)
        #expect(request["execute"] as? String == "guest-exec")
        let arguments = try #require(request["arguments"] as? [String: Any])
        #expect(arguments["path"] as? String == "/bin/echo")
        #expect(arguments["arg"] as? [String] == ["hello", "it's /tmp"])
        #expect(arguments["capture-output"] as? Bool == true)
        #expect(arguments["input-data"] == nil)
    }

    @Test func execSendsInputAsBase64AndCanSkipCapture() throws {
        let transport = RecordingTransport(reply: #"{"return":{"pid":7}}"#)
        _ = try transport.agent().exec(["cat"], input: Array("line\n".utf8), captureOutput: false)
        let arguments = try #require(transport.decoded.first?["arguments"] as? [String: Any])
        #expect(arguments["path"] as? String == "cat")
        #expect(arguments["arg"] as? [String] == [])
        #expect(arguments["capture-output"] as? Bool == false)
        #expect(arguments["input-data"] as? String == "bGluZQo=")
    }

    @Test func execWithoutPIDThrowsAgentError() {
        let transport = RecordingTransport(reply: #"{"return":{}}"#)
        let error = provisioningError(.agent) { _ = try transport.agent().exec(["true"]) }
        #expect(error?.message.contains("no pid") == true)
    }

    @Test func execStatusDecodesOutputAndExitCode() throws {
        let reply = #"{"return":{"exited":true,"exitcode":2,"out-data":"aGVsbG8K","err-data":"b29wcwo="}}"#
        let transport = RecordingTransport(reply: reply)
        let status = try transport.agent().execStatus(pid: 4242)
        #expect(status.exited)
        #expect(status.exitCode == 2)
        #expect(status.signal == nil)
        #expect(status.stdout == Array("hello\n".utf8))
        #expect(status.stderr == Array("oops\n".utf8))
        let request = try #require(transport.decoded.first)
        #expect(request["execute"] as? String == "guest-exec-status")
        #expect((request["arguments"] as? [String: Any])?["pid"] as? Int == 4242)
    }

    @Test func execStatusOfARunningProcessHasNoExitCode() throws {
        let transport = RecordingTransport(reply: #"{"return":{"exited":false}}"#)
        let status = try transport.agent().execStatus(pid: 1)
        #expect(!status.exited)
        #expect(status.exitCode == nil)
        #expect(status.stdout.isEmpty)
    }

    @Test func execStatusReportsASignal() throws {
        let transport = RecordingTransport(reply: #"{"return":{"exited":true,"signal":15}}"#)
        let status = try transport.agent().execStatus(pid: 1)
        #expect(status.signal == 15)
        #expect(status.exitCode == nil)
    }

    @Test func errorReplyThrowsAgentErrorWithTheDescription() {
        let transport = RecordingTransport(reply: agentErrorReply)
        let error = provisioningError(.agent) { try transport.agent(node: "intro-head").ping() }
        #expect(error?.message.contains("boom") == true)
        #expect(error?.message.contains("intro-head") == true)
        #expect(error?.subject == "intro-head")
    }

    @Test func unreadableReplyThrowsAgentError() {
        let transport = RecordingTransport(reply: "<html>not json</html>")
        let error = provisioningError(.agent) { try transport.agent().ping() }
        #expect(error?.message.contains("not json") == true)
    }

    @Test func transportFailureIsNotSwallowed() {
        struct Down: Error {}
        let agent = GuestAgent(node: "intro-head") { _, _ in throw Down() }
        #expect(throws: Down.self) { try agent.ping() }
    }

    @Test func runPollsUntilTheCommandExits() throws {
        let transport = RecordingTransport { request in
            switch request["execute"] as? String {
            case "guest-exec": return agentReturn(["pid": 9])
            default: return agentReturn(["exited": true, "exitcode": 0, "out-data": "ZG9uZQ=="])
            }
        }
        let status = try transport.agent().run(["/bin/true"])
        #expect(status.stdout == Array("done".utf8))
        #expect(transport.decoded.compactMap { $0["execute"] as? String } == ["guest-exec", "guest-exec-status"])
    }

    @Test func runGivesUpAfterItsTimeout() {
        let transport = RecordingTransport { request in
            request["execute"] as? String == "guest-exec" ? agentReturn(["pid": 9]) : agentReturn(["exited": false])
        }
        let error = provisioningError(.agent) { _ = try transport.agent().run(["sleep", "100"], timeoutSeconds: 0.1) }
        #expect(error?.message.contains("did not finish") == true)
    }

    @Test func writeFileOpensWritesAndCloses() throws {
        let transport = RecordingTransport { request in
            request["execute"] as? String == "guest-file-open" ? agentReturn(1001) : agentReturn(["count": 3])
        }
        try transport.agent().writeFile("/etc/hosts", contents: Array("a\tb".utf8))
        let requests = transport.decoded
        #expect(requests.compactMap { $0["execute"] as? String } == ["guest-file-open", "guest-file-write", "guest-file-close"])
        let open = requests[0]["arguments"] as? [String: Any]
        #expect(open?["path"] as? String == "/etc/hosts")
        #expect(open?["mode"] as? String == "w")
        let write = requests[1]["arguments"] as? [String: Any]
        #expect(write?["handle"] as? Int == 1001)
        #expect((write?["buf-b64"] as? String).flatMap { Data(base64Encoded: $0) } == Data("a\tb".utf8))
        #expect((requests[2]["arguments"] as? [String: Any])?["handle"] as? Int == 1001)
    }

    @Test func writeFileClosesTheHandleWhenTheWriteFails() {
        let transport = RecordingTransport { request in
            switch request["execute"] as? String {
            case "guest-file-open": return agentReturn(1001)
            case "guest-file-write": return agentErrorReply
            default: return agentReturn([String: Any]())
            }
        }
        _ = provisioningError(.agent) { try transport.agent().writeFile("/etc/hosts", contents: [1]) }
        #expect(transport.decoded.last?["execute"] as? String == "guest-file-close")
    }
}
