import Foundation
import GridCA
import Testing
@testable import GridWire

/// Real mutual TLS 1.3 on 127.0.0.1 with certificates from a GridCA lab CA.
@Suite struct MutualTLSTests {
    let lab = TestLab.shared

    @Test func roundTripsARequestOverMutualTLS13() async throws {
        try await withServer { server in
            let connection = try await server.connect(lab.adaProxy)
            #expect(connection.tlsVersion == "TLSv1.3")
            #expect(connection.server.identity == lab.head.subject)
            let result = try await connection.submit(SubmitRequest(template: "42"))
            #expect(result.jobIDs == [42])
            await connection.close()
        }
    }

    @Test func serverSeesTheUserIdentityOfAProxyClient() async throws {
        try await withServer { server in
            let connection = try await server.connect(lab.adaProxy)
            _ = try await connection.submit(SubmitRequest(template: "1"))
            let peer = try #require(server.calls.peers.first)
            #expect(peer.identity == lab.ada.subject)
            #expect(peer.proxyDepth == 1)
            #expect(peer.role == .user)
            #expect(!peer.isLimited)
            #expect(peer.address?.hasPrefix("127.0.0.1:") == true)
            #expect(connection.welcome.identity == lab.ada.subject)
            await connection.close()
        }
    }

    @Test func serverSeesTheUserIdentityOfAProxyOfAProxy() async throws {
        try await withServer { server in
            let connection = try await server.connect(lab.adaProxyOfProxy)
            let jobs = try await connection.listJobs()
            #expect(jobs.jobs.first?.user == lab.ada.subject)
            #expect(jobs.jobs.first?.id == 2)
            #expect(server.calls.peers.first?.proxyDepth == 2)
            await connection.close()
        }
    }

    @Test func reportsALimitedProxyAsLimitedAndRefusesItJobChanges() async throws {
        try await withServer { server in
            let connection = try await server.connect(lab.adaLimited)
            #expect(connection.welcome.isLimited)
            #expect(try await connection.listJobs().jobs.first?.state == "limited")
            let refusal = await wireError { _ = try await connection.submit(SubmitRequest(template: "1")) }
            #expect(refusal?.code == .peerNotAuthorized)
            #expect(server.calls.count == 1, "the submit must not reach the handler")
            await connection.close()
        }
    }

    @Test func refusesAClientFromAnotherLabsCA() async throws {
        try await withServer { server in
            let error = await wireError { _ = try await server.connect(lab.foreignProxy) }
            #expect(error?.code == .rejectedByServer)
            let logged = await server.log.first(.rejected)
            #expect(logged?.error?.code == .peerNotTrusted)
            #expect(gridCACode(logged) == .untrustedIssuer)
            #expect(server.calls.count == 0)
        }
    }

    @Test func refusesAnExpiredProxy() async throws {
        try await withServer { server in
            let error = await wireError { _ = try await server.connect(lab.adaExpired) }
            #expect(error?.code == .rejectedByServer)
            #expect(gridCACode(await server.log.first(.rejected)) == .proxyExpired)
        }
    }

    @Test func refusesARevokedUser() async throws {
        try await withServer { server in
            let error = await wireError { _ = try await server.connect(lab.malloryProxy) }
            #expect(error?.code == .rejectedByServer)
            #expect(gridCACode(await server.log.first(.rejected)) == .certificateRevoked)
        }
    }

    @Test func refusesAClientWithoutACertificate() async throws {
        try await withServer { server in
            let error = await wireError { _ = try await server.connect(nil) }
            #expect(error?.code == .rejectedByServer)
            let logged = await server.log.first(.rejected)
            #expect(logged?.error?.code == .peerNotTrusted)
            #expect(logged?.message.contains("no certificate") == true)
            #expect(server.calls.count == 0)
        }
    }

    @Test func refusesAProxyWhoseSignatureWasForged() async throws {
        let impostor = try ForgedProxy.make(issuer: lab.ada, signer: lab.bob.privateKey)
        try await withServer { server in
            let error = await wireError { _ = try await server.connect(impostor) }
            #expect(error?.code == .rejectedByServer)
            #expect(gridCACode(await server.log.first(.rejected)) == .proxySignatureInvalid)
        }
    }

    @Test func clientRefusesAServerWhoseNameDoesNotMatch() async throws {
        try await withServer(credential: lab.node1) { server in
            let error = await wireError { _ = try await server.connect(lab.adaProxy, host: "head.intro.lab") }
            #expect(error?.code == .serverNameMismatch)
            #expect(error?.message.contains("node1.intro.lab") == true)
            #expect(server.calls.count == 0)
            // The same server is fine when dialled by its own name.
            let connection = try await server.connect(lab.adaProxy, host: "node1.intro.lab")
            #expect(connection.server.identity == lab.node1.subject)
            await connection.close()
        }
    }

    @Test func clientRefusesAServerFromAnotherLabsCA() async throws {
        // The foreign host certificate names head.intro.lab, but its CA is not trusted here.
        let foreignTrust = WireTrust(TrustStore(anchors: []))
        try await withServer(credential: lab.foreignHead, configure: { $0.trust = TestLab.shared.trust }) { server in
            let error = await wireError { _ = try await server.connect(lab.adaProxy) }
            #expect(error?.code == .serverNotTrusted)
            #expect((error?.underlying as? GridCAError)?.code == .untrustedIssuer)
            let none = await wireError { _ = try await server.connect(lab.adaProxy, trust: foreignTrust) }
            #expect(none?.code == .serverNotTrusted)
        }
    }

    @Test func mapsUsersThroughTheGridMapfile() async throws {
        try await withServer(policy: .users(gridMap: lab.gridMap)) { server in
            let connection = try await server.connect(lab.adaProxy)
            #expect(connection.welcome.localUser == "ada")
            #expect(try await connection.listJobs().jobs.first?.name == "ada")
            await connection.close()
            let error = await wireError { _ = try await server.connect(lab.bobProxy) }
            #expect(error?.code == .rejectedByServer)
            let logged = await server.log.first(.rejected)
            #expect(logged?.error?.code == .peerNotAuthorized)
            #expect(gridCACode(logged) == .identityNotMapped)
        }
    }

    @Test func picksUpANewCRLAfterReload() async throws {
        // Trust without Mallory's CRL entry admits her; the reloaded directory (with the CRL) does not.
        let trust = WireTrust(TrustStore(anchors: lab.trust.trustStore.anchors))
        try await withServer(configure: { $0.trust = trust }) { server in
            let connection = try await server.connect(lab.malloryProxy)
            await connection.close()
            trust.update(lab.trust.trustStore)
            let error = await wireError { _ = try await server.connect(lab.malloryProxy) }
            #expect(error?.code == .rejectedByServer)
        }
    }
}

extension MutualTLSTests {
    @Test func refusesClientsThatOnlySpeakTLS12() async throws {
        try await withServer { server in
            let tls13 = try await TLSProbe.handshake(port: server.port, credential: lab.adaProxy, maximumVersion: .tlsv13)
            let tls12 = try await TLSProbe.handshake(port: server.port, credential: lab.adaProxy, maximumVersion: .tlsv12)
            #expect(tls13)
            #expect(!tls12)
            #expect(await server.log.first(.rejected)?.error?.code == .tlsFailed)
        }
    }
}
