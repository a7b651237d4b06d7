import Foundation
import Testing

extension RealLabTests {
    /// The course material's tutorials, checked step by step against a fresh copy of
    /// labs/intro.yaml under another lab name, as `vgrid tutorial check` runs them in class.
    @Suite struct Tutorials {
        let instance = "it-tutorial"

        @Test func everyTutorialPassesOnAFreshIntroLab() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
            defer { _ = try? Harness.vgrid(["down", lab]) }
            _ = try Harness.up(lab)

            let directory = Harness.repoRoot.appendingPathComponent("course-material")
            let tutorials = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("0") && $0.hasSuffix(".md") }.sorted()
                .map { "course-material/\($0)" }
            #expect(tutorials.count >= 8, "\(tutorials)")
            let started = Date()
            let check = try Harness.vgrid(["tutorial", "check"] + tutorials + [lab], timeout: 900)
            let seconds = Date().timeIntervalSince(started)
            #expect(check.status == 0, "tutorial check failed (\(check.status)):\n\(check.stdout)\n\(check.stderr)")
            #expect(check.stdout.contains("\(tutorials.count) tutorial(s) passed"), "\(check.stdout)")
            // The budget for all tutorials, end to end.
            #expect(seconds < 600, "the tutorials took \(Int(seconds)) s")
        }
    }
}
