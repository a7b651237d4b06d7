import Foundation
import LabModel
import Libvirt
import LibvirtXML

extension LabHost {
    /// Subnets every libvirt network on the host uses, by network name.
    func networkSubnets() throws -> [String: IPv4Subnet] {
        var result: [String: IPv4Subnet] = [:]
        for network in try libvirt("host", "listing networks", { try connection.allNetworks() }) {
            guard let xml = try? network.xmlDesc(), let info = try? NetworkInfo.bridgeAndSubnet(fromXML: xml),
                  let address = info.ipAddress, let prefix = info.prefixLength,
                  let value = IPv4Subnet.parseAddress(address) else { continue }
            result[network.name] = IPv4Subnet(network: value, prefixLength: prefix)
        }
        return result
    }

    /// Subnets of this host's own interfaces (its LAN must never be picked for a lab).
    static func hostInterfaceSubnets() -> [IPv4Subnet] {
        guard let result = try? Command.run("ip", ["-4", "-o", "addr", "show"]), result.status == 0 else { return [] }
        return result.stdout.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard let index = fields.firstIndex(of: "inet"), index + 1 < fields.count,
                  let subnet = IPv4Subnet(cidr: String(fields[index + 1])) else { return nil }
            return subnet
        }
    }

    /// Decides each instance's subnets: what its networks already use, else what the lab
    /// file fixes, else a free /24. Fixed subnets that overlap another network are refused.
    func layouts(for lab: Lab, images: [String: GuestImage]) throws -> [InstanceLayout] {
        let existing = try networkSubnets()
        let ownNames = Set(lab.instances.flatMap { [Naming.internalNetwork($0.id), Naming.externalNetwork($0.id)] })
        var allocator = SubnetAllocator(taken: existing.filter { !ownNames.contains($0.key) }.map(\.value)
                                        + LabHost.hostInterfaceSubnets())

        func subnet(_ request: SubnetRequest, network: String, isInternal: Bool, instance: LabInstance,
                    recorded: String?) throws -> IPv4Subnet {
            if let current = existing[network] {
                allocator.reserve(current)
                return current
            }
            switch request {
            case .fixed(let subnet):
                if let clash = existing.first(where: { !ownNames.contains($0.key) && $0.value.overlaps(subnet) }) {
                    throw ProvisioningError(
                        .subnetOverlap, "\(network): subnet \(subnet) overlaps libvirt network '\(clash.key)' (\(clash.value))",
                        hint: "choose another subnet in the lab file, or use `subnet: auto`", subject: network)
                }
                allocator.reserve(subnet)
                return subnet
            case .auto:
                if let recorded, let subnet = IPv4Subnet(cidr: recorded), allocator.conflict(for: subnet) == nil {
                    allocator.reserve(subnet)
                    return subnet
                }
                return try allocator.allocate(isInternal: isInternal, seed: network)
            }
        }

        return try lab.instances.map { instance in
            let record = state.load(instance.id)
            let internalSubnet = try subnet(instance.internal.subnet, network: Naming.internalNetwork(instance.id),
                                            isInternal: true, instance: instance, recorded: record?.internalSubnet)
            var externalSubnet: IPv4Subnet?
            if instance.external.mode != .bridge {
                externalSubnet = try subnet(instance.external.subnet, network: Naming.externalNetwork(instance.id),
                                            isInternal: false, instance: instance, recorded: record?.externalSubnet)
            }
            return InstanceLayout(labName: lab.name, instance: instance, internalSubnet: internalSubnet,
                                  externalSubnet: externalSubnet, images: images)
        }
    }

    /// Defines and starts the instance's networks (isolated internal; external as the lab says).
    func ensureNetworks(_ layout: InstanceLayout, source: String, dryRun: Bool,
                        actions: inout [PlanAction]) throws {
        var wanted = [(layout.internalNetworkName, Naming.bridge(layout.id, isInternal: true), layout.internalSubnet, false)]
        if let name = layout.externalNetworkName, let subnet = layout.externalSubnet {
            wanted.append((name, Naming.bridge(layout.id, isInternal: false), subnet, layout.instance.external.mode == .nat))
        }
        for (name, bridge, subnet, nat) in wanted {
            let network = try libvirt(name, "network lookup", { try connection.lookupNetwork(name: name) })
            if let network {
                if !(try libvirt(name, "state", { try network.isActive })) {
                    actions.append(.init(.start, "network", name))
                    if !dryRun { try libvirt(name, "starting the network", { try network.create() }) }
                }
                continue
            }
            actions.append(.init(.create, "network", name, "\(subnet)\(nat ? ", nat" : ", isolated")"))
            if dryRun { continue }
            let spec = NetworkSpec(
                name: name, bridgeName: bridge, forward: nat ? .nat : .isolated,
                ipAddress: InstanceLayout.gatewayAddress(subnet), prefix: subnet.prefixLength,
                owner: OwnerStamp(lab: layout.labName, instance: layout.id, role: "network",
                                  source: source, created: Date()))
            try libvirt(name, "creating the network") {
                let network = try connection.defineNetwork(xml: try spec.render())
                try network.setAutostart(true)
                try network.create()
            }
            reporter.report(name, "network \(subnet) up (bridge \(bridge))")
        }
    }
}
