import GridExec
import GridWire

extension Gatekeeper {
    /// Routes one request; failures reach the client with a code, a message and a hint.
    static func handle(_ call: WireCall, peer: VerifiedPeer, jobs: GatekeeperJobs) async throws -> WireReply {
        do {
            switch call.request {
            case .stageIn(let request):
                return WireReply(.transferred(try await jobs.stageIn(request, upload: call.upload, peer: peer)))
            case .startJob(let request):
                return WireReply(.jobStarted(try await jobs.startJob(request, peer: peer)))
            case .cancelJob(let request):
                return WireReply(.ack(try await jobs.cancel(request, peer: peer)))
            case .cleanUp(let request):
                return WireReply(.ack(try await jobs.cleanUp(request, peer: peer)))
            case .stageOut(let request):
                return try await jobs.stageOut(request, peer: peer)
            case .waitJob(let request):
                return WireReply(.jobEnded(try await jobs.waitJob(request, peer: peer)))
            default:
                throw WireError.remote(
                    "gatekeeper.unsupported", "the gatekeeper does not answer '\(call.request.type)' requests",
                    hint: "send job requests here; gwd answers gw* commands, gsiftpd file transfers")
            }
        } catch let error as GatekeeperError {
            throw error.wire
        } catch let error as ExecError {
            throw WireError.remote("exec.\(error.code.rawValue)", error.message, hint: error.hint ?? "see the gatekeeper's log")
        }
    }
}
