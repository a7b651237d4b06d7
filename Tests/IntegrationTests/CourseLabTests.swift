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

            try classViewAndOneStudentsReset(lab, nodes: nodes)

            let down = try Harness.vgrid(["down", lab])
            #expect(down.status == 0)
            for instance in instances { #expect(try Harness.leftovers(instance: instance) == []) }
        }

        /// `status course.yaml` is the class view; `reset --student` touches only that student's node.
        func classViewAndOneStudentsReset(_ lab: String, nodes: [Harness.Node]) throws {
            let view = try Harness.vgrid(["status", lab, "--json"])
            try #require(view.status == 0, "class view: \(view.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(view.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 3, "\(view.stdout)")
            for row in rows {
                #expect(row["student"] is String && row["nodesReady"] as? Int == 3 && row["gwdAnswering"] as? Bool == true,
                        "\(row)")
            }
            let table = try Harness.vgrid(["status", lab])
            #expect(table.stdout.hasPrefix("STUDENT") && table.stdout.split(separator: "\n").count == 4, "\(table.stdout)")

            let student = try #require(rows.first?["student"] as? String)
            let instance = try #require(rows.first?["instance"] as? String)
            let target = "\(instance)-worker1"
            let others = nodes.filter { $0.domain != target }.map(\.domain)
            let bootsBefore = try Dictionary(uniqueKeysWithValues: others.map { ($0, try Harness.virsh(["domid", $0]).first ?? "") })
            let reset = try Harness.vgrid(["reset", lab, "--student", student, "worker1", "--json"])
            try #require(reset.status == 0, "reset --student: \(reset.stdout) \(reset.stderr)")
            #expect(reset.stdout.contains(target), "\(reset.stdout)")
            // Every other node (other students', and this student's other nodes) kept running untouched.
            for domain in others {
                #expect(try Harness.virsh(["domid", domain]).first == bootsBefore[domain], "\(domain) was restarted")
            }
            let missing = try Harness.vgrid(["reset", lab, "--student", "nobody"])
            #expect(missing.status != 0 && missing.stderr.contains("no student 'nobody'"), "\(missing.stderr)")
        }
    }
}
