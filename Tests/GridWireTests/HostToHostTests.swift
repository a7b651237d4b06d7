import Foundation
import GridCA
import Testing
@testable import GridWire

/// gwd and gatekeepers authenticating to each other with host certificates.
@Suite struct HostToHostTests {
    let lab = TestLab.shared

    @Test func gatekeeperAcceptsTheHeadnodeAsATrustedService() async throws {
        try await withServer(credential: lab.node1, policy: .services(["head.intro.lab"])) { gatekeeper in
            let gwd = try await gatekeeper.connect(lab.head, host: "node1.intro.lab")
            #expect(gwd.welcome.serviceHost == "head.intro.lab")
            try await gwd.cancelJob(CancelJob(job: JobAttempt(jobID: 5, attempt: 1), reason: "kill"))
            let peer = try #require(gatekeeper.calls.peers.first)
            #expect(peer.role == .service(host: "head.intro.lab"))
            #expect(peer.identity == lab.head.subject)
            #expect(peer.proxyDepth == 0)
            await gwd.close()
        }
    }

    @Test func gatekeeperRefusesAnotherWorkersHostCertificate() async throws {
        try await withServer(credential: lab.node1, policy: .services(["head.intro.lab"])) { gatekeeper in
            let error = await wireError { _ = try await gatekeeper.connect(lab.node2, host: "node1.intro.lab") }
            #expect(error?.code == .rejectedByServer)
            let logged = await gatekeeper.log.first(.rejected)
            #expect(logged?.error?.code == .peerNotAuthorized)
            #expect(logged?.error?.message.contains("node2.intro.lab") == true)
        }
    }

    @Test func servicesOnlyServerRefusesUsers() async throws {
        try await withServer(credential: lab.node1, policy: .services(["head.intro.lab"])) { gatekeeper in
            let error = await wireError { _ = try await gatekeeper.connect(lab.adaProxy, host: "node1.intro.lab") }
            #expect(error?.code == .rejectedByServer)
            #expect(await gatekeeper.log.first(.rejected)?.error?.code == .peerNotAuthorized)
        }
    }

    @Test func gwdAcceptsUsersAndItsWorkersReports() async throws {
        let policy = WireAccessPolicy(acceptsUsers: true, trustedServiceHosts: ["node1.intro.lab"], gridMap: lab.gridMap)
        try await withServer(policy: policy) { gwd in
            let worker = try await gwd.connect(lab.node1)
            try await worker.reportHost(HostReport(host: "node1.intro.lab", attributes: ["ARCH": "x86_64", "CPU_MHZ": 2400]))
            try await worker.reportJobState(JobStateReport(job: JobAttempt(jobID: 5), host: "node1.intro.lab", state: "done", exitCode: 0))
            let user = try await gwd.connect(lab.adaProxy)
            #expect(user.welcome.localUser == "ada")
            #expect(gwd.calls.peers.map(\.serviceHost) == ["node1.intro.lab", "node1.intro.lab"])
            await worker.close()
            await user.close()
        }
    }
}
