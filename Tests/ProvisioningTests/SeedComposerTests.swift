import LabModel
import Testing
@testable import Provisioning

/// What each node is told at boot: names, addresses, accounts; and which changes need a reboot.
struct SeedComposerTests {
    /// /etc/hosts as name -> address (every name on every line).
    static func addresses(in hosts: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in hosts.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let address = fields.first else { continue }
            for name in fields.dropFirst() { result[name] = address }
        }
        return result
    }

    @Test func hostsListsEveryNodeByInternalAddressAndExtName() throws {
        let layout = Labs.layout(try Labs.small(workers: 2))
        for (name, seed) in try Labs.seeds(layout) {
            let hosts = Self.addresses(in: seed.hosts)
            #expect(hosts["head"] == "10.213.7.10", "hosts of \(name)")
            #expect(hosts["worker1"] == "10.213.7.11", "hosts of \(name)")
            #expect(hosts["worker2"] == "10.213.7.12", "hosts of \(name)")
            #expect(hosts["head.intro.grid"] == "10.213.7.10", "hosts of \(name)")
            #expect(hosts["head-ext"] == "192.168.130.10", "hosts of \(name)")
            #expect(hosts["worker1-ext"] == "192.168.130.11", "hosts of \(name)")
            #expect(hosts["worker2-ext"] == "192.168.130.12", "hosts of \(name)")
            #expect(hosts["localhost"] == "127.0.0.1" || hosts["localhost"] == "::1", "hosts of \(name)")
            #expect(seed.hosts.hasSuffix("\n"))
        }
    }

    @Test func bridgedLabsHaveNoExtNamesAndUseDHCP() throws {
        let layout = Labs.layout(try Labs.small(mode: "bridge", bridge: "br0"), external: nil)
        let seed = try SeedComposer().seed(for: layout.nodes[0], in: layout)
        #expect(!seed.hosts.contains("-ext"))
        #expect(seed.env["VGRID_IF_external_ADDR"] == "dhcp")
        #expect(seed.env["VGRID_GATEWAY"] == nil)
        #expect(seed.networkConfig.contains("dhcp4: true"))
    }

    @Test func nodeEnvCarriesMACsAddressesAndRole() throws {
        let layout = Labs.layout(try Labs.small(workers: 2))
        let worker = try #require(layout.node(named: "worker1"))
        let env = try SeedComposer().seed(for: worker, in: layout).env
        #expect(env["VGRID_LAB"] == "intro")
        #expect(env["VGRID_INSTANCE"] == "intro")
        #expect(env["VGRID_NODE"] == "worker1")
        #expect(env["VGRID_ROLE"] == "workernode")
        #expect(env["VGRID_IF_internal_MAC"] == Naming.mac("intro", "worker1", "internal"))
        #expect(env["VGRID_IF_internal_ADDR"] == "10.213.7.11/24")
        #expect(env["VGRID_IF_external_MAC"] == Naming.mac("intro", "worker1", "external"))
        #expect(env["VGRID_IF_external_ADDR"] == "192.168.130.11/24")
        #expect(env["VGRID_IFACES"]?.split(separator: " ").sorted() == ["external", "internal"])
        #expect(env["VGRID_GATEWAY"] == nil, "an isolated lab has no default route")
        #expect(env["VGRID_STUDENT"] == nil)

        let head = try SeedComposer().seed(for: layout.nodes[0], in: layout)
        #expect(head.env["VGRID_ROLE"] == "headnode")
        #expect(head.hostname == "head")
        #expect(head.instanceID == "intro-head")
    }

    @Test func natLabsRouteThroughTheExternalGateway() throws {
        let layout = Labs.layout(try Labs.small(mode: "nat"))
        let seed = try SeedComposer().seed(for: layout.nodes[1], in: layout)
        #expect(seed.env["VGRID_GATEWAY"] == "192.168.130.1")
        #expect(seed.networkConfig.contains("via: \"192.168.130.1\""))
    }

    @Test func networkConfigMatchesInterfacesByMAC() throws {
        let layout = Labs.layout(try Labs.small())
        let node = layout.nodes[2]
        let config = try SeedComposer().seed(for: node, in: layout).networkConfig
        #expect(config.contains("macaddress: \"\(node.internalMAC)\""))
        #expect(config.contains("macaddress: \"\(node.externalMAC)\""))
        #expect(config.contains("addresses: [\"10.213.7.12/24\"]"))
        #expect(config.contains("addresses: [\"192.168.130.12/24\"]"))
    }

    @Test func accountsGetUIDsFrom1001InFileOrder() throws {
        let layout = Labs.layout(try Labs.small(users: ["carol", "alice", "bob"]))
        for (_, seed) in try Labs.seeds(layout) {
            #expect(seed.accounts.map(\.name) == ["carol", "alice", "bob"])
            #expect(seed.accounts.map(\.uid) == [1001, 1002, 1003])
            #expect(seed.accounts.map(\.home) == ["/home/carol", "/home/alice", "/home/bob"])
            #expect(seed.userData.contains("  - name: carol\n    uid: 1001\n"))
            #expect(seed.userData.contains("  - name: bob\n    uid: 1003\n"))
        }
    }

    @Test func courseGivesEachStudentTheirOwnCopy() throws {
        let lab = try Labs.example("course.yaml")
        #expect(lab.instances.count == 3)
        var instanceIDs = Set<String>()
        var macs = Set<String>()
        for (index, instance) in lab.instances.enumerated() {
            let layout = Labs.layout(lab, instance: index, internal: "10.213.\(10 + index).0/24",
                                     external: "192.168.\(140 + index).0/24")
            let student = try #require(instance.student)
            for (name, seed) in try Labs.seeds(layout) {
                #expect(seed.accounts.map(\.name) == ["teacher", student], "\(instance.id)/\(name)")
                #expect(seed.accounts.map(\.uid) == [1001, 1002], "\(instance.id)/\(name)")
                #expect(seed.env["VGRID_STUDENT"] == student)
                #expect(seed.env["VGRID_INSTANCE"] == instance.id)
                #expect(seed.env["VGRID_LAB"] == "course")
                #expect(seed.instanceID == "\(instance.id)-\(name)")
                #expect(Self.addresses(in: seed.hosts)["head.\(instance.id).grid"] == "10.213.\(10 + index).10")
                #expect(instanceIDs.insert(seed.instanceID).inserted, "\(seed.instanceID) used twice")
                for key in ["VGRID_IF_internal_MAC", "VGRID_IF_external_MAC"] {
                    let mac = try #require(seed.env[key])
                    #expect(macs.insert(mac).inserted, "\(mac) used twice")
                }
            }
        }
        #expect(instanceIDs.count == 9)
    }

    @Test func addingAWorkerUpdatesHostsButDoesNotRebootExistingNodes() throws {
        let before = try Labs.seeds(Labs.layout(try Labs.small(workers: 2)))
        let after = try Labs.seeds(Labs.layout(try Labs.small(workers: 3)))
        #expect(after.count == 4)
        for name in ["head", "worker1", "worker2"] {
            let old = try #require(before[name]), new = try #require(after[name])
            #expect(new.contentHash == old.contentHash, "\(name) would be rebooted")
            #expect(new.hostsHash != old.hostsHash, "\(name) would not learn about worker3")
            #expect(Self.addresses(in: new.hosts)["worker3"] == "10.213.7.13")
            #expect(new.pushedFiles.contains { $0.path == "/etc/hosts" && $0.contents == Array(new.hosts.utf8) })
        }
    }

    @Test func membershipFilesListTheNodes() throws {
        let seed = try #require(try Labs.seeds(Labs.layout(try Labs.small(workers: 2)))["worker2"])
        let labEnv = try #require(seed.liveFiles.first { $0.path == "/etc/vgrid/lab.env" })
        let text = String(decoding: labEnv.contents, as: UTF8.self)
        #expect(text.contains("HEADNODES=\"head\"\n"))
        #expect(text.contains("WORKERNODES=\"worker1 worker2\"\n"))
        #expect(text.contains("INTERNAL_SUBNET=10.213.7.0/24\n"))
    }

    @Test func addingAUserChangesContentHash() throws {
        let before = try Labs.seeds(Labs.layout(try Labs.small(users: ["alice", "bob"])))
        let after = try Labs.seeds(Labs.layout(try Labs.small(users: ["alice", "bob", "carol"])))
        for (name, old) in before {
            let new = try #require(after[name])
            #expect(new.contentHash != old.contentHash, "\(name) would miss carol")
        }
    }

    @Test func renamingAUserChangesContentHash() throws {
        let before = try Labs.seeds(Labs.layout(try Labs.small(users: ["alice", "bob"])))
        let after = try Labs.seeds(Labs.layout(try Labs.small(users: ["alice", "bert"])))
        #expect(after["head"]?.contentHash != before["head"]?.contentHash)
    }

    @Test func composingTwiceGivesTheSameHashes() throws {
        let a = try Labs.seeds(Labs.layout(try Labs.small()))
        let b = try Labs.seeds(Labs.layout(try Labs.small()))
        for (name, seed) in a {
            #expect(seed.contentHash == b[name]?.contentHash)
            #expect(seed.hostsHash == b[name]?.hostsHash)
        }
        #expect(Set(a.values.map(\.contentHash)).count == a.count, "every node has its own seed")
    }

    struct ExtraFile: SeedContributor {
        var text: String
        func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws {
            seed.files.append(.init(path: "/etc/grid/\(node.node.name).conf", mode: 0o640, owner: "root",
                                    group: "grid", text: text))
            seed.services.append(.init(name: "gwd", command: "/opt/vgrid/bin/gwd"))
        }
    }

    @Test func contributorsAddFilesThatNeedAReboot() throws {
        let layout = Labs.layout(try Labs.small())
        let plain = try SeedComposer().seed(for: layout.nodes[0], in: layout)
        let one = try SeedComposer(contributors: [ExtraFile(text: "a")]).seed(for: layout.nodes[0], in: layout)
        let two = try SeedComposer(contributors: [ExtraFile(text: "b")]).seed(for: layout.nodes[0], in: layout)
        #expect(one.files.map(\.path) == ["/etc/grid/head.conf"])
        #expect(one.services.map(\.name) == ["gwd"])
        #expect(one.contentHash != plain.contentHash)
        #expect(two.contentHash != one.contentHash)
        #expect(two.hostsHash == one.hostsHash)
    }
}
