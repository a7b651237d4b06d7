import LabModel

/// Picks /24 subnets for `subnet: auto` that overlap nothing already on the host: other
/// libvirt networks, host interfaces, fixed subnets of the lab, and earlier picks.
public struct SubnetAllocator: Sendable {
    /// Where auto subnets come from: internal networks from 10.213.0.0/16 upwards,
    /// external ones from 192.168.128.0/17. Both are private ranges rarely used by hosts.
    static let internalPool = (start: IPv4Subnet(cidr: "10.213.0.0/24")!, count: 256 * 8)
    static let externalPool = (start: IPv4Subnet(cidr: "192.168.128.0/24")!, count: 128)

    private var taken: [IPv4Subnet]

    public init(taken: [IPv4Subnet]) { self.taken = taken }

    /// Marks a subnet as used (a fixed one from the lab, or one an instance already has).
    public mutating func reserve(_ subnet: IPv4Subnet) { taken.append(subnet) }

    public func conflict(for subnet: IPv4Subnet) -> IPv4Subnet? {
        taken.first { $0.overlaps(subnet) }
    }

    /// The first free /24, starting at a slot derived from `seed` so that different labs
    /// tend to land apart and a re-created lab gets the same subnet back.
    public mutating func allocate(isInternal: Bool, seed: String) throws -> IPv4Subnet {
        let pool = isInternal ? SubnetAllocator.internalPool : SubnetAllocator.externalPool
        let digest = Naming.hexDigest(seed).prefix(8)
        let offset = Int(UInt32(digest, radix: 16)! % UInt32(pool.count))
        for step in 0..<pool.count {
            let slot = (offset + step) % pool.count
            let candidate = IPv4Subnet(network: pool.start.network + UInt32(slot) << 8, prefixLength: 24)
            if conflict(for: candidate) == nil {
                taken.append(candidate)
                return candidate
            }
        }
        throw ProvisioningError(.noFreeSubnet, "no free /24 subnet left in \(pool.start)",
                                hint: "remove unused libvirt networks (virsh net-list --all) or give the lab a fixed subnet")
    }
}
