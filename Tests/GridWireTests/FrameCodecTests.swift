import Foundation
import NIOCore
import Testing
@testable import GridWire

@Suite struct FrameCodecTests {
    let codec = FrameCodec(maxFrameBytes: WireProtocol.defaultMaxFrameBytes)

    func payload(_ buffer: ByteBuffer) -> ByteBuffer {
        var buffer = buffer
        let length = buffer.readInteger(as: UInt32.self)!
        #expect(Int(length) == buffer.readableBytes)
        return buffer
    }

    @Test func writesALengthPrefixedVersionedEnvelope() throws {
        let envelope = Envelope<ClientFrame>(id: 7, content: .request(.signal(SignalRequest(ids: [3], signal: .kill))))
        let frame = try codec.encode(envelope, allocator: ByteBufferAllocator())
        let json = String(buffer: payload(frame))
        #expect(json == #"{"body":{"hard":false,"ids":[3],"signal":"kill"},"id":7,"type":"signal","v":1}"#)
    }

    @Test func roundTripsEveryRequest() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let job = JobAttempt(jobID: 4, attempt: 1)
        let requests: [WireRequest] = [
            .hello(Hello(client: "gwps")),
            .submit(SubmitRequest(template: "EXECUTABLE = /bin/ls\n", templateName: "ls.jt", options: SubmitOptions(arrayTasks: 3, hold: true, dependencies: [1, 2], priority: 5))),
            .listJobs(JobQuery(ids: [1], user: "ada", states: ["pend", "wrap"], arrayID: 2)),
            .listHosts(HostQuery(ids: [0], matchingJob: 4)),
            .history(HistoryQuery(jobID: 4)),
            .wait(WaitRequest(ids: [4, 5], any: true, timeoutSeconds: 30)),
            .signal(SignalRequest(ids: [4], signal: .reschedule, hard: true)),
            .accounting(AccountingQuery(groupBy: .host, host: "node1", since: date, until: date + 60)),
            .startJob(StartJob(job: job, template: "EXECUTABLE = a.out\n", variables: JobVariables(jobID: 7, arrayID: 2, taskID: 1, totalTasks: 3), inputs: ["a.out"])),
            .waitJob(WaitJob(job: job)), .readFile(ReadFile(path: "/etc/hostname")), .writeFile(WriteFile(path: "/tmp/x", mode: 0o600)),
            .listUsers(UserQuery()),
            .cancelJob(CancelJob(job: job, reason: "kill")),
            .cleanUp(CleanUpJob(job: job)),
            .stageIn(StageIn(file: FileTransfer(job: job, path: "in.txt", mode: 0o755, size: 12))),
            .stageOut(StageOut(file: FileTransfer(job: job, path: "stdout"))),
            .jobState(JobStateReport(job: job, host: "node1", state: "done", exitCode: 3, message: nil, time: date)),
            .hostReport(HostReport(host: "node1", attributes: ["ARCH": "x86_64", "CPU_MHZ": 2400], running: [job], time: date)),
        ]
        #expect(Set(requests.map(\.type)).count == WireRequest.types.count, "every request type is covered")
        for request in requests {
            let frame = try codec.encode(Envelope<ClientFrame>(id: 9, stream: true, content: .request(request)), allocator: ByteBufferAllocator())
            let decoded = try codec.decode(ClientFrame.self, from: payload(frame))
            #expect(decoded.id == 9)
            #expect(decoded.stream)
            guard case .request(let back) = decoded.content else {
                Issue.record("\(request.type) did not decode as a request")
                continue
            }
            #expect(back == request)
        }
    }

    @Test func roundTripsEveryResponse() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let job = JobAttempt(jobID: 4)
        var entry = HistoryEntry(host: HistoryHost(id: 1, name: "node1"), start: date, end: date + 5, reason: "user")
        entry.wrapperStart = date + 1
        let responses: [WireResponse] = [
            .welcome(Welcome(server: "gwd on head", identity: "/O=Grid/CN=Ada", isLimited: true, localUser: "ada")),
            .ack(Ack(message: "ok")),
            .submitted(SubmitResult(jobIDs: [1, 2, 3], arrayID: 1)),
            .jobs(JobList(jobs: [JobInfo(id: 1, user: "ada", name: "ls", state: "done", start: date, exitCode: 0, host: "node1/fork")])),
            .hosts(HostList(hosts: [HostInfo(id: 0, name: "node1", attributes: ["ARCH": "x86_64", "NODECOUNT": 2], lastSeen: date)],
                            matches: [HostMatchInfo(hostID: 0, queue: "default", rank: 10, priority: 1)])),
            .history(JobHistory(jobID: 1, entries: [entry])),
            .waited(WaitResult(jobs: [JobExit(id: 1, state: "done", exitCode: 0)], timedOut: false)),
            .signalled(SignalResult(outcomes: [SignalOutcome(id: 1, accepted: false, message: "job 1 is done")])),
            .accounting(AccountingReport(rows: [AccountingRow(name: "ada", executionSeconds: 10, succeeded: 1)])),
            .jobStarted(JobStarted(job: job, localID: "4242")),
            .fileReady(FileReady(file: FileTransfer(job: job, path: "stdout", size: 10))),
            .transferred(TransferResult(path: "in.txt", bytes: 12)),
            .users(UserList(users: [UserInfo(user: "alice", uid: 1001, dn: "/O=Grid/CN=Alice", jobs: 3, running: 1)])),
            .jobEnded(JobEnded(report: JobStateReport(job: JobAttempt(jobID: -1), host: "w1", state: "done", exitCode: 0,
                                                      outputs: [StagedOutput(name: "stdout", destination: "-", kind: "stdout", size: 3)],
                                                      time: Date(timeIntervalSince1970: 1_700_000_000)))),
            .fileOpened(FileOpened(path: "/etc/hostname", size: 6, mode: 0o644)),
        ]
        #expect(Set(responses.map(\.type)).count == WireResponse.types.count, "every response type is covered")
        for response in responses {
            let frame = try codec.encode(Envelope<ServerFrame>(id: 3, content: .response(response)), allocator: ByteBufferAllocator())
            let decoded = try codec.decode(ServerFrame.self, from: payload(frame))
            guard case .response(let back) = decoded.content else {
                Issue.record("\(response.type) did not decode as a response")
                continue
            }
            #expect(back == response)
        }
    }

    @Test func carriesChunksAsBase64AndCancelWithoutBody() throws {
        let chunk = WireChunk(seq: 2, data: Data([0, 1, 2, 255]), last: true)
        let frame = try codec.encode(Envelope<ClientFrame>(id: 5, content: .chunk(chunk)), allocator: ByteBufferAllocator())
        #expect(String(buffer: payload(frame)) == #"{"body":{"data":"AAEC\/w==","last":true,"seq":2},"id":5,"type":"chunk","v":1}"#)
        guard case .chunk(let back) = try codec.decode(ClientFrame.self, from: payload(frame)).content else {
            Issue.record("not a chunk")
            return
        }
        #expect(back == chunk)
        let cancel = try codec.encode(Envelope<ClientFrame>(id: 5, content: .cancel), allocator: ByteBufferAllocator())
        #expect(String(buffer: payload(cancel)) == #"{"id":5,"type":"cancel","v":1}"#)
    }

    @Test func refusesToEncodeAFrameOverTheLimit() {
        let small = FrameCodec(maxFrameBytes: 100)
        let envelope = Envelope<ClientFrame>(id: 1, content: .request(.submit(SubmitRequest(template: String(repeating: "x", count: 200)))))
        #expect(throws: WireError.self) { _ = try small.encode(envelope, allocator: ByteBufferAllocator()) }
        do {
            _ = try small.encode(envelope, allocator: ByteBufferAllocator())
        } catch let error as WireError {
            #expect(error.code == .frameTooLarge)
            #expect(error.message.contains("'submit'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func refusesAnotherVersionAnUnknownTypeAndGarbage() {
        func code(_ json: String) -> WireError.Code? {
            do {
                _ = try codec.decode(ClientFrame.self, from: ByteBuffer(string: json))
                return nil
            } catch let error as WireError {
                return error.code
            } catch {
                return nil
            }
        }
        #expect(code(#"{"v":2,"id":1,"type":"hello","body":{"client":"x","protocolVersion":2}}"#) == .unsupportedVersion)
        #expect(code(#"{"v":1,"id":1,"type":"format","body":{}}"#) == .unknownMessageType)
        #expect(code(#"{"v":1,"id":1,"type":"submit","body":{"nope":1}}"#) == .malformedFrame)
        #expect(code("not json") == .malformedFrame)
        #expect(FrameCodec.id(of: ByteBuffer(string: #"{"v":1,"id":12,"type":"format"}"#)) == 12)
        #expect(FrameCodec.id(of: ByteBuffer(string: "garbage")) == 0)
    }

    @Test func decodesHostValuesAsStringsOrIntegers() throws {
        let json = Data(#"{"ARCH":"x86_64","CPU_MHZ":2400}"#.utf8)
        let values = try JSONDecoder().decode([String: WireValue].self, from: json)
        #expect(values == ["ARCH": .string("x86_64"), "CPU_MHZ": .integer(2400)])
    }
}
