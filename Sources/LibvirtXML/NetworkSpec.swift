import Foundation

/// A lab network: a host bridge, isolated or NATed, static addressing by default.
public struct NetworkSpec: Sendable, Equatable {
    /// How traffic leaves the bridge.
    public enum Forward: String, Sendable, Equatable {
        /// No forwarding: guests reach only each other and the host's bridge address.
        case isolated
        /// NAT to the host's outside interfaces (not for lab hosts that must stay isolated).
        case nat
    }

    /// An IPv4 DHCP address range.
    public struct DHCPRange: Sendable, Equatable {
        public var start: String
        public var end: String

        public init(start: String, end: String) {
            self.start = start
            self.end = end
        }
    }

    /// The network name.
    public var name: String
    /// A fixed UUID, or nil to let libvirt pick one.
    public var uuid: UUID?
    /// Host bridge device name (at most 15 characters).
    public var bridgeName: String
    /// Isolated or NAT.
    public var forward: Forward
    /// The host's address on the bridge (e.g. `"10.77.0.1"`); nil for no host address.
    public var ipAddress: String?
    /// Prefix length of `ipAddress`.
    public var prefix: Int
    /// DHCP range; nil (the default) because vgrid assigns static addresses.
    public var dhcpRange: DHCPRange?
    /// DNS domain for the network (`<domain name=... localOnly='yes'/>`).
    public var domainName: String?
    /// Whether libvirt's dnsmasq serves DNS on the bridge.
    public var dnsEnabled: Bool
    /// The lab ownership stamp, rendered under `<metadata>`.
    public var owner: OwnerStamp?

    public init(
        name: String, uuid: UUID? = nil, bridgeName: String, forward: Forward = .isolated,
        ipAddress: String? = nil, prefix: Int = 24, dhcpRange: DHCPRange? = nil,
        domainName: String? = nil, dnsEnabled: Bool = false, owner: OwnerStamp? = nil
    ) {
        self.name = name
        self.uuid = uuid
        self.bridgeName = bridgeName
        self.forward = forward
        self.ipAddress = ipAddress
        self.prefix = prefix
        self.dhcpRange = dhcpRange
        self.domainName = domainName
        self.dnsEnabled = dnsEnabled
        self.owner = owner
    }

    /// The network XML for `virNetworkDefineXML` / `virNetworkCreateXML`.
    public func render() throws -> String {
        let builder = XMLBuilder(root: "network")
        let network = builder.root
        try network.child("name", text: name)
        if let uuid { try network.child("uuid", text: uuid.uuidString.lowercased()) }
        if let owner { try owner.render(under: try network.child("metadata")) }
        if forward == .nat { try network.child("forward", [("mode", "nat")]) }
        try network.child("bridge", [("name", bridgeName), ("stp", "on"), ("delay", "0")])
        if let domainName { try network.child("domain", [("name", domainName), ("localOnly", "yes")]) }
        if !dnsEnabled { try network.child("dns", [("enable", "no")]) }
        if let ipAddress {
            let ip = try network.child("ip", [("address", ipAddress), ("prefix", String(prefix))])
            if let dhcpRange {
                try ip.child("dhcp").child("range", [("start", dhcpRange.start), ("end", dhcpRange.end)])
            }
        }
        return builder.serialize()
    }
}
