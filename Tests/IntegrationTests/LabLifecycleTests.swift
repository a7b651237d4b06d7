import Foundation
import Testing

extension RealLabTests {
    @Suite struct LabLifecycle {
        let lab: String
        let instance = "it-intro"

        init() throws {
            lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
        }

        @Test func introLabComesUpScalesAndGoesDownLeavingNothing() throws {
            // up: three nodes, all running and answering their guest agent.
            let first = try Harness.up(lab)
            #expect(["kvm", "tcg"].contains(first.accelerator))
            var nodes = try Harness.status(lab)
            #expect(nodes.map(\.name).sorted() == ["head", "worker1", "worker2"])
            #expect(nodes.allSatisfy { $0.state == "running" && $0.ready })
            #expect(nodes.first { $0.name == "head" }?.role == "headnode")
            #expect(Set(nodes.compactMap(\.internalAddress)).count == 3)

            // Each node has its own name, and reaches the others by name on the internal network.
            for node in nodes {
                let hostname = try Harness.vgrid(["exec", node.domain, "--", "hostname"])
                #expect(hostname.status == 0)
                #expect(hostname.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == node.name)
            }
            let ping = try Harness.vgrid(["exec", "\(instance)-head", "--", "ping", "-c", "1", "-W", "5", "worker2"])
            #expect(ping.status == 0, "head cannot reach worker2: \(ping.stdout) \(ping.stderr)")
            let ping2 = try Harness.vgrid(["exec", "\(instance)-worker1", "--", "ping", "-c", "1", "-W", "5", "head"])
            #expect(ping2.status == 0, "worker1 cannot reach head: \(ping2.stdout) \(ping2.stderr)")
            let headAddress = nodes.first { $0.name == "head" }!.internalAddress!
            #expect(ping2.stdout.contains(headAddress))

            // Under TCG processes share translated code only with one fixed address-space layout.
            let randomization = try Harness.vgrid(["exec", "\(instance)-worker1", "--", "cat", "/proc/sys/kernel/randomize_va_space"])
            #expect(randomization.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == (first.accelerator == "tcg" ? "0" : "2"))

            // exec returns the command's exit code and runs as a lab user when asked.
            #expect(try Harness.vgrid(["exec", "\(instance)-head", "--", "sh", "-c", "exit 7"]).status == 7)
            let whoami = try Harness.vgrid(["exec", "\(instance)-head", "--user", "alice", "--", "id", "-un"])
            #expect(whoami.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "alice")
            let home = try Harness.vgrid(["exec", "\(instance)-worker1", "--", "stat", "-c", "%U", "/home/alice"])
            #expect(home.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "alice")

            // A second up changes nothing.
            let second = try Harness.up(lab)
            #expect(second.actions.isEmpty, "second up changed: \(second.actions.map(\.name))")

            // 2 -> 3 workers: only worker3 is created; the others are updated in place.
            let three = try Harness.labCopy("labs/intro.yaml", name: instance, replacing: [("count: 2", "count: 3")])
            let grow = try Harness.up(three)
            #expect(grow.actions.filter { $0.kind == "create" && $0.object == "node" }.map(\.name) == ["\(instance)-worker3"])
            #expect(!grow.actions.contains { $0.kind == "restart" || $0.kind == "remove" })
            nodes = try Harness.status(lab)
            #expect(nodes.count == 4 && nodes.allSatisfy(\.ready))
            let hosts = try Harness.vgrid(["exec", "\(instance)-head", "--", "cat", "/etc/hosts"])
            #expect(hosts.stdout.contains("worker3"), "head's /etc/hosts was not updated: \(hosts.stdout)")
            #expect(try Harness.vgrid(["exec", "\(instance)-head", "--", "ping", "-c", "1", "-W", "5", "worker3"]).status == 0)

            // 3 -> 2: only worker3 goes.
            let shrink = try Harness.up(lab)
            #expect(shrink.actions.filter { $0.kind == "remove" }.map(\.name) == ["\(instance)-worker3"])
            #expect(!shrink.actions.contains { $0.kind == "restart" || $0.kind == "create" })
            #expect(try Harness.status(lab).map(\.name).sorted() == ["head", "worker1", "worker2"])
            #expect(try Harness.leftovers(instance: instance).filter { $0.contains("worker3") }.isEmpty)

            // down leaves no domain, network, volume or state file of the lab.
            let down = try Harness.vgrid(["down", lab])
            #expect(down.status == 0, "down failed: \(down.stderr)")
            #expect(try Harness.leftovers(instance: instance) == [])
            #expect(try Harness.status(lab).isEmpty)
        }
    }
}
