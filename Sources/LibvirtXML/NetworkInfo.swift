/// What a libvirt network XML says about its bridge and addresses (to find taken subnets).
public struct NetworkInfo: Sendable, Equatable {
    /// One `<ip>` element of a network.
    public struct Address: Sendable, Equatable {
        /// `"ipv4"` or `"ipv6"`.
        public var family: String
        /// The host's address on the bridge.
        public var address: String
        /// Prefix length (converted from `netmask` when the XML uses one).
        public var prefix: Int

        public init(family: String, address: String, prefix: Int) {
            self.family = family
            self.address = address
            self.prefix = prefix
        }
    }

    /// The network name.
    public var name: String
    /// The bridge device name, if the XML names one.
    public var bridgeName: String?
    /// The forward mode (`"nat"`, `"route"`, ...), nil when isolated.
    public var forwardMode: String?
    /// All `<ip>` elements in document order.
    public var addresses: [Address]
    /// The lab ownership stamp, if any.
    public var owner: OwnerStamp?

    public init(
        name: String, bridgeName: String?, forwardMode: String? = nil,
        addresses: [Address], owner: OwnerStamp? = nil
    ) {
        self.name = name
        self.bridgeName = bridgeName
        self.forwardMode = forwardMode
        self.addresses = addresses
        self.owner = owner
    }

    /// The first IPv4 address and its prefix, if any.
    public var ipv4: Address? { addresses.first { $0.family == "ipv4" } }
    /// The host's first IPv4 address on the bridge, if any.
    public var ipAddress: String? { ipv4?.address }
    /// The prefix length of `ipAddress`.
    public var prefixLength: Int? { ipv4?.prefix }

    /// Reads bridge name, addresses and owner stamp from a network's XML.
    public static func bridgeAndSubnet(fromXML xml: String) throws -> NetworkInfo {
        let query = try XMLQuery(xml: xml)
        guard let name = try query.string(xpath: "/network/name") else {
            throw LibvirtXMLError(.invalidContent, "not a libvirt network: no /network/name", at: "/network")
        }
        let count = Int(try query.string(xpath: "count(/network/ip)") ?? "0") ?? 0
        let addresses = try (0..<count).compactMap { try address(in: query, at: "/network/ip[\($0 + 1)]") }
        return NetworkInfo(
            name: name,
            bridgeName: try query.string(xpath: "/network/bridge/@name"),
            forwardMode: try forwardMode(in: query),
            addresses: addresses,
            owner: try OwnerStamp.parse(query, at: "/network/metadata/vgrid:\(OwnerStamp.elementName)"))
    }

    private static func forwardMode(in query: XMLQuery) throws -> String? {
        guard try query.string(xpath: "count(/network/forward)") != "0" else { return nil }
        return try query.string(xpath: "/network/forward/@mode") ?? "nat"
    }

    private static func address(in query: XMLQuery, at path: String) throws -> Address? {
        guard let address = try query.string(xpath: "\(path)/@address") else { return nil }
        let family = try query.string(xpath: "\(path)/@family") ?? (address.contains(":") ? "ipv6" : "ipv4")
        if let text = try query.string(xpath: "\(path)/@prefix") {
            guard let prefix = Int(text) else {
                throw LibvirtXMLError(.invalidContent, "prefix='\(text)' is not a number", at: path)
            }
            return Address(family: family, address: address, prefix: prefix)
        }
        if let netmask = try query.string(xpath: "\(path)/@netmask") {
            guard let prefix = prefixLength(ofNetmask: netmask) else {
                throw LibvirtXMLError(.invalidContent, "netmask='\(netmask)' is not a valid IPv4 netmask", at: path)
            }
            return Address(family: family, address: address, prefix: prefix)
        }
        // libvirt's default when neither is given: the classful prefix; vgrid always writes one.
        return Address(family: family, address: address, prefix: family == "ipv6" ? 64 : 24)
    }

    /// `"255.255.255.0"` -> 24; nil when not a contiguous dotted-quad mask.
    static func prefixLength(ofNetmask netmask: String) -> Int? {
        let parts = netmask.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard parts.count == 4, parts.allSatisfy({ ($0 ?? 256) <= 255 }) else { return nil }
        let value = parts.reduce(UInt32(0)) { ($0 << 8) | $1! }
        let prefix = value.nonzeroBitCount
        let expected: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefix))
        return value == expected ? prefix : nil
    }
}
