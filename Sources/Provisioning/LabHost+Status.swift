import Foundation
import Libvirt
import LibvirtXML

/// One node as `status` shows it.
public struct NodeStatus: Sendable, Codable {
    public var name: String
    public var domain: String
    public var instance: String
    public var lab: String
    public var role: String
    public var state: String
    public var internalAddress: String?
    public var externalAddress: String?
    public var image: String?
    public var memoryMiB: Int?
    public var vcpus: Int?
    /// Whether the guest agent answered (only asked of running nodes).
    public var ready: Bool
}

extension LabHost {
    /// Nodes of one lab (or of every vgrid lab on the host), from the ownership stamps.
    public func status(labName: String?) throws -> [NodeStatus] {
        var nodes: [(item: InstanceInventory, node: String, domain: Domain)] = []
        for item in try inventory().values where labName == nil || item.lab == labName {
            for (node, domain) in item.domains { nodes.append((item, node, domain)) }
        }
        // Guests are asked in parallel: a busy TCG guest may take seconds to answer, and a
        // class of 30 nodes must not add those seconds up.
        let rows = boundedParallelMap(Array(nodes.indices), limit: maxParallelQueries) { [self, nodes] index in
            let (item, node, domain) = nodes[index]
            return nodeStatus(item: item, node: node, domain: domain)
        }.compactMap { try? $0.get() }
        return rows.sorted { ($0.instance, $0.role, $0.name) < ($1.instance, $1.role, $1.name) }
    }

    private func nodeStatus(item: InstanceInventory, node: String, domain: Domain) -> NodeStatus {
        let xml = (try? domain.xmlDesc()) ?? ""
        let info = try? DomainInfo.parse(fromXML: xml)
        let active = (try? domain.isActive) ?? false
        var ready = false
        if active, let agent = try? agent(domainName: domain.name) {
            // One retry: a guest agent busy starting the node's daemons can miss one short ping.
            ready = (try? agent.ping(timeoutSeconds: 3)) != nil || (try? agent.ping(timeoutSeconds: 3)) != nil
        }
        var addresses = addressesFromSeed(instance: item.instance, node: node)
        if addresses.internal == nil, ready, let info, let agent = try? agent(domainName: domain.name) {
            addresses = addressesFromGuest(agent, info: info)
        }
        return NodeStatus(
            name: node, domain: domain.name, instance: item.instance, lab: item.lab,
            role: item.stamps[node]?.role ?? "?", state: (try? domain.state).map { String(describing: $0) } ?? "unknown",
            internalAddress: addresses.internal, externalAddress: addresses.external,
            image: info?.kernelPath.flatMap(LabHost.imageName(fromVolumePath:)),
            memoryMiB: info?.memoryKiB.map { Int($0 / 1024) }, vcpus: info?.vcpus, ready: ready)
    }

    /// Addresses as the node's seed gave them (the seed tree is kept in the state directory).
    func addressesFromSeed(instance: String, node: String) -> (internal: String?, external: String?) {
        let path = state.seedDirectory(instance, node: node) + "/vgrid/node.env"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return (nil, nil) }
        func value(_ key: String) -> String? {
            for line in text.split(separator: "\n") where line.hasPrefix(key + "=") {
                let raw = line.dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
                return raw.split(separator: "/").first.map(String.init)
            }
            return nil
        }
        return (value("VGRID_IF_internal_ADDR"), value("VGRID_IF_external_ADDR"))
    }

    /// Without local state, the guest says which address each of its interfaces has; the
    /// domain's XML says which interface is on which network.
    func addressesFromGuest(_ agent: GuestAgent, info: DomainInfo) -> (internal: String?, external: String?) {
        guard let interfaces = try? agent.networkInterfaces() else { return (nil, nil) }
        func address(onNetworkEndingWith suffix: String) -> String? {
            guard let mac = info.interfaces.first(where: { $0.network?.hasSuffix(suffix) == true })?.macAddress else { return nil }
            return interfaces.first { $0.mac.lowercased() == mac.lowercased() }?.ipv4.first
        }
        return (address(onNetworkEndingWith: "-int"), address(onNetworkEndingWith: "-ext"))
    }

    static func imageName(fromVolumePath path: String) -> String? {
        // image-<name>-<version>.vmlinuz
        let file = (path as NSString).lastPathComponent
        guard file.hasPrefix("image-") else { return nil }
        let rest = file.dropFirst("image-".count)
        return rest.split(separator: "-").dropLast().joined(separator: "-")
    }
}
