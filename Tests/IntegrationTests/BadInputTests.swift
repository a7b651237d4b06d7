import Foundation
import Testing

extension RealLabTests {
    /// What a user sees for bad input: a message, a hint, an exit code; never a stack trace.
    @Suite struct BadInput {
        func expectCleanFailure(_ result: Harness.Result, status: Int32, mentions: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(result.status == status, "exit \(result.status), stderr: \(result.stderr)", sourceLocation: sourceLocation)
            for text in mentions {
                #expect(result.stderr.contains(text), "stderr lacks '\(text)': \(result.stderr)", sourceLocation: sourceLocation)
            }
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
        }

        @Test func misspeltKeyShowsLineColumnAndSuggestion() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [("    memory: 104MiB", "    memroy: 128MiB")])
            let lines = try String(contentsOfFile: lab, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.firstIndex { $0.contains("memroy") }! + 1
            for command in ["validate", "up", "plan"] {
                let result = try Harness.vgrid([command, lab])
                expectCleanFailure(result, status: 65, mentions: ["\(lab):\(line):5: error:", "memroy", "did you mean 'memory'"])
            }
        }

        @Test func yamlSyntaxErrorShowsPosition() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [("role: headnode", "role: [headnode")])
            let result = try Harness.vgrid(["validate", lab])
            expectCleanFailure(result, status: 65, mentions: ["\(lab):", "error:"])
            #expect(result.stderr.range(of: #":\d+:\d+: error:"#, options: .regularExpression) != nil)
        }

        @Test func libvirtdUnreachableSaysHowToStartIt() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad")
            let result = try Harness.vgrid(["up", lab, "--connect", "qemu+unix:///system?socket=/nonexistent/libvirt-sock"])
            expectCleanFailure(result, status: 69, mentions: ["cannot connect to libvirt", "scripts/lab-host.sh start"])
            // LIBVIRT_DEFAULT_URI is honoured like virsh does.
            let env = try Harness.vgrid(["status"], environment: ["LIBVIRT_DEFAULT_URI": "qemu+unix:///system?socket=/nonexistent/sock"])
            expectCleanFailure(env, status: 69, mentions: ["/nonexistent/sock"])
        }

        @Test func missingImageSaysHowToBuildIt() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [("  image: tiny", "  image: nosuch")])
            let result = try Harness.vgrid(["up", lab])
            expectCleanFailure(result, status: 66, mentions: ["guest image 'nosuch' is not built", "images/nosuch/build.sh"])
            _ = try Harness.vgrid(["down", "it-bad"])
        }

        @Test func memoryBelowTheImageMinimumPointsAtTheLine() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [("    memory: 104MiB", "    memory: 32MiB")])
            let result = try Harness.vgrid(["up", lab])
            expectCleanFailure(result, status: 65, mentions: ["node 'head' has 32MiB of memory", "needs at least"])
            #expect(try Harness.leftovers(instance: "it-bad") == [])
        }

        @Test func labNeedingMoreMemoryThanTheHostHasIsRefusedWithNumbers() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [("    memory: 104MiB", "    memory: 60GiB")])
            let result = try Harness.vgrid(["up", lab])
            expectCleanFailure(result, status: 1, mentions: ["MiB", "free"])
            #expect(result.stderr.contains("the lab needs"), "\(result.stderr)")
            #expect(try Harness.leftovers(instance: "it-bad") == [])
        }

        @Test func fixedSubnetOverlappingAnExistingNetworkIsRefused() throws {
            // A network that is not vgrid's, as another tool or an admin would have made.
            let xml = """
                <network><name>it-foreign</name><bridge name='itforeign0'/>
                <ip address='10.250.7.1' prefix='24'/></network>
                """
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("it-foreign.xml").path
            try xml.write(toFile: file, atomically: true, encoding: .utf8)
            _ = try Harness.virsh(["net-define", file])
            defer { _ = try? Harness.virsh(["net-undefine", "it-foreign"]) }
            let lab = try Harness.labCopy("labs/intro.yaml", name: "it-bad", replacing: [
                ("  internal:\n    subnet: auto", "  internal:\n    subnet: 10.250.7.0/24"),
            ])
            let result = try Harness.vgrid(["up", lab])
            expectCleanFailure(result, status: 1, mentions: ["10.250.7.0/24", "overlaps", "it-foreign"])
            #expect(try Harness.leftovers(instance: "it-bad").filter { $0.hasPrefix("domain") }.isEmpty)
            _ = try Harness.vgrid(["down", lab])
        }
    }
}
