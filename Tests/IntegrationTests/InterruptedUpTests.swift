import Foundation
import Testing

extension RealLabTests {
    @Suite struct InterruptedUp {
        let instance = "it-kill"

        /// Starts `vgrid up` and kills it (SIGKILL, no chance to clean up) once it has started
        /// creating nodes.
        func killedUp(_ lab: String, after marker: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Harness.binary)
            process.arguments = ["up", lab]
            process.currentDirectoryURL = Harness.repoRoot
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = ""
            let deadline = Date().addingTimeInterval(120)
            while !seen.contains(marker), Date() < deadline, process.isRunning {
                let chunk = errors.fileHandleForReading.availableData
                seen += String(decoding: chunk, as: UTF8.self)
            }
            #expect(seen.contains(marker), "up never printed '\(marker)': \(seen)")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
        }

        @Test func killedUpIsRemovedByDown() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
            try killedUp(lab, after: "network")
            #expect(try !Harness.leftovers(instance: instance).isEmpty, "the kill came too late to test anything")
            #expect(try Harness.vgrid(["down", lab]).status == 0)
            #expect(try Harness.leftovers(instance: instance) == [])
        }

        @Test func killedUpIsCompletedByTheNextUpAndDownWorksWithoutLocalState() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
            try killedUp(lab, after: "started")
            _ = try Harness.up(lab)
            let nodes = try Harness.status(lab)
            #expect(nodes.count == 3 && nodes.allSatisfy { $0.ready })

            // Forget everything vgrid keeps locally: the ownership stamps in libvirt suffice.
            try FileManager.default.removeItem(atPath: "/var/lib/vgrid/labs/\(instance)")
            let found = try Harness.status(instance)
            #expect(found.count == 3, "status without local state found \(found.map(\.domain))")
            #expect(Set(found.compactMap(\.internalAddress)) == Set(nodes.compactMap(\.internalAddress)),
                    "addresses without local state: \(found.map { $0.internalAddress ?? "-" })")
            let down = try Harness.vgrid(["down", instance])
            #expect(down.status == 0, "down by name failed: \(down.stderr)")
            #expect(try Harness.leftovers(instance: instance) == [])
        }
    }
}
