import Testing
@testable import LabModel

/// Memory and disk sizes as written in lab files.
struct ByteSizeTests {
    @Test(arguments: [
        ("96", 96), ("96MiB", 96), ("1GiB", 1024), ("1.5 GiB", 1536), ("2048KiB", 2), ("100MB", 96), ("1GB", 954),
        ("512KiB", 1),
    ])
    func parsesSizesToWholeMiBRoundingUp(text: String, mib: Int) {
        #expect(ByteSize.parseMiB(text) == .success(mib))
    }

    @Test func rejectsBadSizes() {
        #expect(ByteSize.parseMiB("GiB") == .failure(.notANumber))
        #expect(ByteSize.parseMiB("1.5") == .failure(.fractionalMiB))
        #expect(ByteSize.parseMiB("2gb") == .failure(.unknownUnit("gb", suggestion: "GB")))
        #expect(ByteSize.parseMiB("2 parsecs") == .failure(.unknownUnit("parsecs", suggestion: nil)))
    }

    @Test func formatsSizesInTheLargestWholeUnit() {
        #expect(ByteSize.format(mib: 96) == "96MiB")
        #expect(ByteSize.format(mib: 2048) == "2GiB")
        #expect(ByteSize.format(mib: 1536) == "1536MiB")
    }
}
