extension LabResolver {
    /// Applies the network defaults and checks mode/bridge/subnet rules and overlaps.
    mutating func resolveNetworks(nodeCount: Int) -> (external: ExternalNetwork, internal: InternalNetwork) {
        let entry = labFile.external
        let mode = entry.mode?.value ?? .isolated
        let modeText = entry.mode == nil ? "'\(mode.rawValue)' (the default)" : "'\(mode.rawValue)'"
        let externalAt = entry.mode?.location ?? entry.location ?? labFile.root

        if mode == .bridge, entry.bridge == nil, entry.isComplete {
            report(.missingKey, at: externalAt, "'mode: bridge' needs a 'bridge' key naming the host bridge",
                   hint: "add 'bridge: br0' (a bridge that exists on the host), or use 'mode: nat'")
        }
        if mode != .bridge, let bridge = entry.bridge, entry.mode != nil || entry.isComplete {
            report(.conflict, at: bridge.location, "'bridge' is only allowed with 'mode: bridge'; the mode is \(modeText)",
                   hint: "set 'mode: bridge' to attach to '\(bridge.value)', or remove 'bridge'")
        }
        if mode == .bridge, let subnet = entry.subnet, case .fixed = subnet.value {
            report(.conflict, at: subnet.location, "a bridged external network cannot have a fixed subnet",
                   hint: "the host's LAN hands out the addresses; remove 'subnet' or write 'subnet: auto'")
        }
        let externalSubnet = mode == .bridge ? .auto : (entry.subnet?.value ?? .auto)
        let internalSubnet = labFile.internalSubnet?.value ?? .auto

        if case .fixed(let outer) = externalSubnet, case .fixed(let inner) = internalSubnet,
           let innerAt = labFile.internalSubnet?.location, let outerAt = entry.subnet?.location, outer.overlaps(inner) {
            report(.conflict, at: innerAt, "internal subnet \(inner) overlaps external subnet \(outer)",
                   hint: "pick subnets that do not share addresses, or use 'subnet: auto'",
                   notes: [.init("external subnet \(outer) is set here", at: outerAt)])
        }
        for (request, located, name) in [(externalSubnet, entry.subnet, "external"),
                                         (internalSubnet, labFile.internalSubnet, "internal")] {
            // Nodes take .10, .11, ... (the host side of the network is .1), so the last
            // node's address is .(9 + nodes).
            if case .fixed(let subnet) = request, let at = located?.location, subnet.hostCapacity < nodeCount + 9 {
                report(.outOfRange, at: at,
                       "\(name) subnet \(subnet) has room for \(subnet.hostCapacity) addresses, but the lab needs \(nodeCount + 9) (nodes start at .10)",
                       hint: "use a shorter prefix (a larger subnet) or 'subnet: auto'")
            }
        }
        return (ExternalNetwork(mode: mode, hostBridge: mode == .bridge ? entry.bridge?.value : nil, subnet: externalSubnet),
                InternalNetwork(subnet: internalSubnet))
    }
}
