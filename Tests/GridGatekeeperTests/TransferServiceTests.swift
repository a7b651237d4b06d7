import Foundation
import GridWire
import Testing
@testable import GridGatekeeper

@Suite struct TransferServiceTests {
    @Test func refusesToReadAFileTheMappedUserCannotRead() async throws {
        try await withFixture { fixture in
            let secret = fixture.base + "/root-only.txt"
            try "root secret\n".write(toFile: secret, atomically: true, encoding: .utf8)
            chmod(secret, 0o600)
            let connection = try await fixture.connectTransfer(fixture.lab.adaProxy)
            let error = await #expect(throws: WireError.self) { _ = try await connection.readFile(secret) }
            #expect(error?.message.contains("Permission denied") == true, "got \(String(describing: error))")
            #expect(error?.message.contains(TestUser.name) == true)
            await connection.close()
        }
    }

    @Test func writesFilesOwnedByTheMappedUser() async throws {
        try await withFixture { fixture in
            let directory = fixture.base + "/home"
            mkdir(directory, 0o755)
            chown(directory, TestUser.uid, getpwnam(TestUser.name)!.pointee.pw_gid)
            let connection = try await fixture.connectTransfer(fixture.lab.adaProxy)
            let payload = Data((0..<700_000).map { UInt8($0 % 251) })
            let result = try await connection.writeFile(WriteFile(path: directory + "/copy.bin", mode: 0o640), data: .of(payload))
            #expect(result.bytes == Int64(payload.count))
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/copy.bin")
            #expect((attributes[.ownerAccountID] as? NSNumber)?.uint32Value == TestUser.uid)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/copy.bin")) == payload)
            // Read back through the service, in several chunks.
            let (opened, data) = try await connection.readFile(directory + "/copy.bin")
            #expect(opened.size == Int64(payload.count))
            #expect(try await data.collect() == payload)
            // A directory only root may write is refused.
            await #expect(throws: WireError.self) {
                _ = try await connection.writeFile(WriteFile(path: fixture.base + "/not-yours.txt"), data: .of(Data("x".utf8)))
            }
            #expect(!FileManager.default.fileExists(atPath: fixture.base + "/not-yours.txt"))
            await connection.close()
        }
    }
}
