import LabModel

/// A lab instance with everything `up` decides on top of the lab file: subnets, addresses,
/// MAC addresses, libvirt names and images. Pure data; computing it touches nothing.
public struct InstanceLayout: Sendable, Equatable {
    public var labName: String
    public var instance: LabInstance
    public var internalSubnet: IPv4Subnet
    /// nil when the external network is a host bridge (addresses come from that LAN).
    public var externalSubnet: IPv4Subnet?
    public var nodes: [NodeLayout]

    public var id: String { instance.id }
    public var internalNetworkName: String { Naming.internalNetwork(id) }
    public var externalNetworkName: String? {
        instance.external.mode == .bridge ? nil : Naming.externalNetwork(id)
    }

    /// The address the host side of a libvirt network takes (the guests' gateway).
    public static func gatewayAddress(_ subnet: IPv4Subnet) -> String { subnet.host(1) }

    public init(labName: String, instance: LabInstance, internalSubnet: IPv4Subnet,
                externalSubnet: IPv4Subnet?, images: [String: GuestImage]) {
        self.labName = labName
        self.instance = instance
        self.internalSubnet = internalSubnet
        self.externalSubnet = externalSubnet
        // Addresses follow node order in the file: .10, .11, ... so they are stable when
        // workers are added at the end.
        self.nodes = instance.nodes.enumerated().map { index, node in
            NodeLayout(
                node: node,
                domainName: Naming.domain(instance.id, node.name),
                internalAddress: internalSubnet.host(10 + index),
                externalAddress: externalSubnet?.host(10 + index),
                internalMAC: Naming.mac(instance.id, node.name, "internal"),
                externalMAC: Naming.mac(instance.id, node.name, "external"),
                image: images[node.image]!)
        }
    }

    public func node(named name: String) -> NodeLayout? { nodes.first { $0.node.name == name } }
}

public struct NodeLayout: Sendable, Equatable {
    public var node: Node
    public var domainName: String
    public var internalAddress: String
    public var externalAddress: String?
    public var internalMAC: String
    public var externalMAC: String
    public var image: GuestImage
}
