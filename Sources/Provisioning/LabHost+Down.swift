import Foundation
import Libvirt

/// What `down` removed.
public struct DownSummary: Sendable, Codable {
    public var lab: String
    public var instances: [String]
    public var domains: Int
    public var networks: Int
    public var volumes: Int
    public var seconds: Double
}

extension LabHost {
    /// Removes every instance of a lab: found by ownership stamps, so it works without local
    /// state. `extraInstanceIDs` names instances a lab file says it has, to catch volumes an
    /// interrupted `up` left with nothing else pointing at them.
    public func down(labName: String, extraInstanceIDs: [String] = [], keepDisks: Bool = false) throws -> DownSummary {
        let started = Date()
        let owned = try inventory()
        let ids = Set(extraInstanceIDs + [labName])
        let targets = owned.values.filter { $0.lab == labName || ($0.lab.isEmpty && ids.contains($0.instance)) }
            .sorted { $0.instance < $1.instance }
        var summary = DownSummary(lab: labName, instances: [], domains: 0, networks: 0, volumes: 0, seconds: 0)
        // Instances come down in parallel: destroying a TCG guest takes a moment each.
        let results = boundedParallelMap(targets, limit: maxParallelNodes) { [self] item in
            try removeInstance(item, keepDisks: keepDisks)
        }
        for (item, result) in zip(targets, results) {
            try result.get()
            summary.instances.append(item.instance)
            summary.domains += item.domains.count
            summary.networks += item.networks.count
            summary.volumes += keepDisks ? item.volumes.filter { !$0.name.hasSuffix(".qcow2") }.count : item.volumes.count
        }
        if !keepDisks {
            for id in ids.union(state.instances(ofLab: labName)) { state.remove(id) }
            // The lab CA, and the SSH keys and access sheets beside it, go with the last instance of its lab.
            if try inventory().values.allSatisfy({ $0.lab != labName }) {
                try? FileManager.default.removeItem(atPath: state.caDirectory(lab: labName))
                try? FileManager.default.removeItem(atPath: state.accessDirectory(lab: labName))
            }
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Domains first, then volumes, then networks, then local state: an interrupted `down`
    /// leaves things that the next `down` still finds.
    func removeInstance(_ item: InstanceInventory, keepDisks: Bool) throws {
        let domains = item.domains.sorted { $0.key < $1.key }
        let results = boundedParallelMap(domains, limit: maxParallelNodes) { [self] entry in
            let (node, domain) = entry
            try removeNode(domainName: Naming.domain(item.instance, node), domain: domain, volumes: [], keepDisks: keepDisks)
            reporter.report(Naming.domain(item.instance, node), "removed")
        }
        for result in results { try result.get() }
        for volume in item.volumes where !(keepDisks && volume.name.hasSuffix(".qcow2")) {
            try libvirt(volume.name, "deleting the volume", { try volume.delete() })
        }
        for network in item.networks {
            let name = network.name
            try libvirt(name, "removing the network") {
                if try network.isActive { try network.destroy() }
                try network.undefine()
            }
            reporter.report(name, "removed")
        }
        if !keepDisks { state.remove(item.instance) }
    }
}
