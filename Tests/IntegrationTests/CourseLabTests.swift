import Foundation
import Testing

extension RealLabTests {
    @Suite struct CourseLab {
        @Test func everyStudentGetsAnIsolatedCopyOfTheGrid() throws {
            let lab = try Harness.labCopy("labs/course.yaml", name: "it-course")
            try Harness.vgrid(["down", lab])
            _ = try Harness.up(lab)
            let nodes = try Harness.status(lab)
            let instances = Set(nodes.map(\.instance))
            #expect(instances.count == 3, "expected 3 student copies, got \(instances.sorted())")
            #expect(nodes.count == 9 && nodes.allSatisfy { $0.state == "running" && $0.ready })

            // Each copy has its own internal subnet; nodes reach their own headnode by name.
            let subnets = Set(nodes.compactMap { $0.internalAddress?.split(separator: ".").prefix(3).joined(separator: ".") })
            #expect(subnets.count == 3)
            for instance in instances.sorted() {
                let worker = nodes.first { $0.instance == instance && $0.role == "workernode" }!
                let head = nodes.first { $0.instance == instance && $0.role == "headnode" }!
                let ping = try Harness.vgrid(["exec", worker.domain, "--", "ping", "-c", "1", "-W", "5", "head"])
                #expect(ping.status == 0 && ping.stdout.contains(head.internalAddress!))
                // Another student's headnode is on another network: unreachable.
                let other = nodes.first { $0.instance != instance && $0.role == "headnode" }!
                let cross = try Harness.vgrid(["exec", worker.domain, "--", "ping", "-c", "1", "-W", "2", other.internalAddress!])
                #expect(cross.status != 0, "\(worker.domain) reached another student's head \(other.domain)")
            }

            let down = try Harness.vgrid(["down", lab])
            #expect(down.status == 0)
            for instance in instances { #expect(try Harness.leftovers(instance: instance) == []) }
        }
    }
}
