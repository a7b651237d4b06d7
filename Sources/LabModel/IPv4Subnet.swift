/// An IPv4 network in CIDR form (`10.42.0.0/24`).
public struct IPv4Subnet: Sendable, Hashable, CustomStringConvertible {
    /// Network address as a 32-bit number (host bits cleared).
    public let network: UInt32
    public let prefixLength: Int

    public init(network: UInt32, prefixLength: Int) {
        precondition((0...32).contains(prefixLength))
        self.prefixLength = prefixLength
        self.network = network & IPv4Subnet.mask(prefixLength)
    }

    /// Parses `a.b.c.d/n`; nil when it is not a valid CIDR.
    public init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (8...30).contains(prefix),
              let address = IPv4Subnet.parseAddress(String(parts[0])) else { return nil }
        self.init(network: address, prefixLength: prefix)
    }

    public static func mask(_ prefix: Int) -> UInt32 {
        prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix)
    }

    public static func parseAddress(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet), String(byte) == octet else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    public static func format(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xff).\(address >> 8 & 0xff).\(address & 0xff)"
    }

    public var mask: UInt32 { IPv4Subnet.mask(prefixLength) }
    public var netmask: String { IPv4Subnet.format(mask) }
    public var description: String { "\(IPv4Subnet.format(network))/\(prefixLength)" }
    /// Number of usable host addresses.
    public var hostCapacity: Int { Int((~mask)) - 1 }

    /// The n-th host address (1 = first usable).
    public func host(_ n: Int) -> String {
        precondition(n >= 1 && n <= hostCapacity, "host \(n) outside \(self)")
        return IPv4Subnet.format(network + UInt32(n))
    }

    public func contains(_ address: UInt32) -> Bool { address & mask == network }

    public func overlaps(_ other: IPv4Subnet) -> Bool {
        let shorter = min(prefixLength, other.prefixLength)
        let m = IPv4Subnet.mask(shorter)
        return network & m == other.network & m
    }
}
