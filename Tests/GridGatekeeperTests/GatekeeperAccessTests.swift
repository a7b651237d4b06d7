import Foundation
import GridCA
import GridWire
import Testing
@testable import GridGatekeeper

@Suite struct GatekeeperAccessTests {
    @Test func aLimitedProxyIsRefusedAtTheHandshake() async throws {
        try await withFixture { fixture in
            let error = await #expect(throws: WireError.self) { _ = try await fixture.connect(fixture.lab.adaLimited) }
            #expect(error?.code == .rejectedByServer || error?.code == .connectionClosed, "got \(String(describing: error))")
            // The same identity with a full proxy is admitted.
            let connection = try await fixture.connect(fixture.lab.adaProxy)
            #expect(connection.welcome.localUser == TestUser.name)
            await connection.close()
        }
    }

    @Test func anIdentityMissingFromTheGridMapfileIsRefusedUntilItIsAdded() async throws {
        try await withFixture { fixture in
            await #expect(throws: WireError.self) { _ = try await fixture.connect(fixture.lab.carolProxy) }
            // grid-mapfile-add-entry on a running gatekeeper: no restart needed.
            var map = try GridMapFile(parsing: try String(contentsOfFile: fixture.gridMapPath, encoding: .utf8))
            map.add(dn: fixture.lab.carolIdentity, user: TestUser.name)
            try map.text.write(toFile: fixture.gridMapPath, atomically: true, encoding: .utf8)
            let connection = try await fixture.connect(fixture.lab.carolProxy)
            #expect(connection.welcome.localUser == TestUser.name)
            await connection.close()
        }
    }

    @Test func anExpiredProxyIsRefused() async throws {
        try await withFixture { fixture in
            let error = await #expect(throws: WireError.self) { _ = try await fixture.connect(fixture.lab.adaExpired) }
            #expect(error?.code != nil)
        }
    }

    @Test func anotherIdentityCannotTouchSomeoneElsesJob() async throws {
        try await withFixture { fixture in
            let ada = try await fixture.connect(fixture.lab.adaProxy)
            let bob = try await fixture.connect(fixture.lab.bobProxy)
            let job = ScriptJob(id: 20, script: "echo secret")
            try await job.start(on: ada)
            _ = try #require(await fixture.gwd?.reports(for: 20, count: 2))

            let fetch = await #expect(throws: WireError.self) { _ = try await bob.output(job.key, "stdout.20") }
            #expect(fetch?.remoteCode == "gatekeeper.notOwner")
            await #expect(throws: WireError.self) { try await bob.cleanUp(CleanUpJob(job: job.key)) }
            await #expect(throws: WireError.self) { try await bob.cancelJob(CancelJob(job: job.key)) }
            // Nor may bob slip a file into ada's next attempt or start it.
            let next = JobAttempt(jobID: 21)
            _ = try await ada.stageIn(FileTransfer(job: next, path: "job.sh"), data: .of(Data("#!/bin/sh\n".utf8)))
            await #expect(throws: WireError.self) { _ = try await bob.stageIn(FileTransfer(job: next, path: "job.sh"), data: .of(Data("evil".utf8))) }
            await #expect(throws: WireError.self) {
                _ = try await bob.startJob(StartJob(job: next, template: "EXECUTABLE = job.sh\n", variables: JobVariables(jobID: 21), inputs: ["job.sh"]))
            }
            // Ada's own fetch still works.
            #expect(try await ada.output(job.key, "stdout.20") == "secret\n")
            await ada.close()
            await bob.close()
        }
    }

    @Test func theTransferServiceAdmitsALimitedProxyForReadingOnly() async throws {
        try await withFixture { fixture in
            let readable = fixture.base + "/public.txt"
            try "public\n".write(toFile: readable, atomically: true, encoding: .utf8)
            chmod(readable, 0o644)
            let limited = try await fixture.connectTransfer(fixture.lab.adaLimited)
            let (opened, data) = try await limited.readFile(readable)
            #expect(opened.size == 7)
            #expect(String(decoding: try await data.collect(), as: UTF8.self) == "public\n")
            let refusal = await #expect(throws: WireError.self) {
                _ = try await limited.writeFile(WriteFile(path: fixture.base + "/nope.txt"), data: .of(Data("x".utf8)))
            }
            #expect(refusal?.code == .peerNotAuthorized)
            #expect(!FileManager.default.fileExists(atPath: fixture.base + "/nope.txt"))
            await limited.close()
        }
    }
}
