import Foundation
import GridCA
import Testing
@testable import GridWire

@Suite struct WireAccessPolicyTests {
    let lab = TestLab.shared

    func verified(_ credential: GridCredential) throws -> VerifiedIdentity {
        try lab.trust.verifier.verify(credential: credential)
    }

    @Test func findsTheHostNameInAHostIdentity() {
        #expect(VerifiedPeer.hostName(inIdentity: "/O=Grid/OU=GlobusTest/CN=host/head.intro.lab") == "head.intro.lab")
        #expect(VerifiedPeer.hostName(inIdentity: "/O=Grid/OU=local/CN=Ada Lovelace") == nil)
        #expect(VerifiedPeer.hostName(inIdentity: "/O=Grid/CN=host/a/CN=123") == nil)
    }

    @Test func admitsUsersAndTrustedServices() throws {
        let policy = WireAccessPolicy(trustedServiceHosts: ["HEAD.intro.lab"])
        #expect(try policy.admit(verified(lab.adaProxy), address: nil).role == .user)
        #expect(try policy.admit(verified(lab.head), address: nil).role == .service(host: "head.intro.lab"))
        #expect(throws: WireError.self) { try policy.admit(verified(lab.node1), address: nil) }
    }

    @Test func refusesUsersWhenOnlyServicesAreAdmitted() throws {
        let policy = WireAccessPolicy.services(["head.intro.lab"])
        #expect(throws: WireError.self) { try policy.admit(verified(lab.adaProxy), address: nil) }
    }

    @Test func refusesLimitedProxiesWhenAskedTo() throws {
        var policy = WireAccessPolicy.users()
        #expect(try policy.admit(verified(lab.adaLimited), address: nil).isLimited)
        policy.acceptsLimitedProxies = false
        #expect(throws: WireError.self) { try policy.admit(verified(lab.adaLimited), address: nil) }
    }

    @Test func limitedProxiesMayLookButNotChange() {
        #expect(WireRequest.listJobs(JobQuery()).allowedForLimitedProxy)
        #expect(!WireRequest.submit(SubmitRequest(template: "")).allowedForLimitedProxy)
        #expect(!WireRequest.signal(SignalRequest(ids: [1], signal: .kill)).allowedForLimitedProxy)
    }
}
