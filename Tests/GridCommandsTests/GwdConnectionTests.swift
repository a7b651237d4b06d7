import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

/// What the commands say when they cannot reach gwd.
@Suite(.serialized) struct GwdConnectionTests {
    static func location(portFile: String?) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("var"), withIntermediateDirectories: true)
        if let portFile { try portFile.write(to: root.appendingPathComponent("var/gwd.port"), atomically: true, encoding: .utf8) }
        return root
    }

    static func environment(_ location: URL) -> [String: String] {
        let lab = GridWayTestLab.shared
        return ["GW_LOCATION": location.path, "X509_USER_PROXY": lab.proxyFile.path, "X509_CERT_DIR": lab.trustDirectory.path]
    }

    @Test func withoutAPortFileItSaysGwdIsNotRunning() async throws {
        let location = try Self.location(portFile: nil)
        let result = await run(GwPs.self, [], environment: Self.environment(location))
        #expect(result.status != 0)
        #expect(result.errors.hasPrefix("FAILED: cannot read \(location.path)/var/gwd.port: is gwd running?\nhint: start it on the headnode"))
    }

    @Test func aRefusedConnectionSaysHowToStartGwd() async throws {
        let location = try Self.location(portFile: "head.test 1 127.0.0.1\n")
        for command in [GwPs.self, GwHost.self, GwUser.self] as [any GridCommand.Type] {
            let result = await run(command, [], environment: Self.environment(location))
            #expect(result.status != 0)
            #expect(result.errors == "FAILED: cannot connect to gwd at head.test:1 (127.0.0.1): is gwd running?\nhint: \(GwdFailure.startHint)\n")
            #expect(result.output.isEmpty)
        }
    }

    @Test func withoutAProxyItSaysToCreateOne() async throws {
        try await FakeGwd.with({ request in throw unexpected(request) }) { gwd in
            var environment = gwd.environment
            environment["X509_USER_PROXY"] = "/nonexistent/x509up_u1000"
            let result = await run(GwUser.self, [], environment: environment)
            #expect(result.status != 0)
            #expect(result.errors == "FAILED: no proxy found at /nonexistent/x509up_u1000\nhint: create one with grid-proxy-init\n")
            #expect(gwd.requests.isEmpty)
        }
    }

    @Test func everyGridWayCommandIsRegistered() {
        let names = GuestCommands.gridWay.map { $0.name }
        #expect(names == ["gwsubmit", "gwps", "gwhost", "gwwait", "gwkill", "gwhistory", "gwacct", "gwuser", "gwdag"])
        #expect(GuestCommands.gridWay.allSatisfy { $0.style == .gridWay })
    }
}
