import Testing
@testable import LabBundle

@Suite struct TarHeaderTests {
    @Test func roundTripsShortAndLongNames() throws {
        let long = String(repeating: "d/", count: 60) + "file.md"
        for path in ["manifest.json", long] {
            let header = TarHeader(path: path, size: 12345, mode: 0o600)
            let decoded = try #require(try TarHeader.decode(try header.encoded()))
            #expect(decoded.path == path)
            #expect(decoded.size == 12345)
            #expect(decoded.mode == 0o600)
            #expect(decoded.type == .regular)
        }
    }

    @Test func aDamagedHeaderIsRefused() throws {
        var block = try TarHeader(path: "a", size: 1).encoded()
        block[0] = UInt8(ascii: "b")
        #expect(throws: BundleError.self) { _ = try TarHeader.decode(block) }
    }

    @Test func zeroBlockEndsTheArchive() throws {
        #expect(try TarHeader.decode([UInt8](repeating: 0, count: 512)) == nil)
    }
}
