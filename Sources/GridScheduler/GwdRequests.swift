import Foundation
import GridWire

/// Routes a verified peer's request to gwd: users' commands, and the gatekeepers' reports.
enum GwdRequests {
    static func answer(_ peer: VerifiedPeer, _ request: WireRequest, gwd: Gwd, administrators: Set<String>,
                       ownHost: String? = nil) async throws -> WireResponse {
        switch request {
        case .jobState(let report):
            let host = try serviceHost(peer, request)
            await gwd.jobState(report, from: host)
            return .ack(Ack())
        case .hostReport(let report):
            let host = try serviceHost(peer, request)
            guard host.lowercased() == report.host.lowercased() else {
                throw Refusal.make("wrongHost", "\(host) may report only about itself, not \(report.host)", hint: "check the gatekeeper's -hostname")
            }
            await gwd.hostReport(report)
            return .ack(Ack())
        default:
            break
        }
        let caller: Gwd.Caller
        if let host = peer.serviceHost, let ownHost, host.lowercased() == ownHost.lowercased() {
            // The headnode's root, with the host certificate: it may look at the pool (as the
            // administrator `root`), never submit, wait for or signal jobs.
            guard onlyLooks(request) else {
                throw Refusal.make("readOnly", "the headnode's host certificate may only look at the pool, not '\(request.type)'",
                                   hint: "submit and signal jobs with a user proxy (grid-proxy-init)")
            }
            caller = Gwd.Caller(identity: peer.identity, user: "root", isAdministrator: true)
        } else {
            guard peer.role == .user, let user = peer.localUser else {
                throw Refusal.make("notAUser", "'\(request.type)' is a user request, and \(peer.identity) is not a mapped user",
                                   hint: "run the command with your own proxy (grid-proxy-init)")
            }
            caller = Gwd.Caller(identity: peer.identity, user: user, isAdministrator: administrators.contains(user))
        }
        switch request {
        case .submit(let body): return .submitted(try await gwd.submit(body, from: caller))
        case .listJobs(let body): return .jobs(try await gwd.listJobs(body, from: caller))
        case .listHosts(let body): return .hosts(try await gwd.listHosts(body, from: caller))
        case .history(let body): return .history(try await gwd.history(body, from: caller))
        case .wait(let body): return .waited(try await gwd.wait(body, from: caller))
        case .signal(let body): return .signalled(try await gwd.signal(body, from: caller))
        case .accounting(let body): return .accounting(try await gwd.accounting(body, from: caller))
        case .listUsers: return .users(try await gwd.users(from: caller))
        default:
            throw Refusal.make("unsupported", "gwd does not serve '\(request.type)' requests", hint: "that request goes to a gatekeeper")
        }
    }

    private static func onlyLooks(_ request: WireRequest) -> Bool {
        switch request {
        case .listJobs, .listHosts, .history, .accounting, .listUsers: return true
        default: return false
        }
    }

    private static func serviceHost(_ peer: VerifiedPeer, _ request: WireRequest) throws -> String {
        guard let host = peer.serviceHost else {
            throw Refusal.make("notAService", "only a workernode's gatekeeper may send '\(request.type)'",
                               hint: "this request is for gatekeepers, with their host certificate")
        }
        return host
    }
}
