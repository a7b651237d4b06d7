import Foundation
import Libvirt
import LibvirtXML

/// What a lab instance owns on the host, found by the ownership stamps libvirt stores in
/// each domain's and network's metadata (and by name in vgrid's pool for volumes).
public struct InstanceInventory: @unchecked Sendable {
    public var instance: String
    public var lab: String
    public var source: String?
    /// Domains by node name.
    public var domains: [String: Domain] = [:]
    public var stamps: [String: OwnerStamp] = [:]
    public var networks: [Network] = []
    public var volumes: [StorageVolume] = []

    public var isEmpty: Bool { domains.isEmpty && networks.isEmpty && volumes.isEmpty }
}

extension LabHost {
    /// Every vgrid instance on the host, by instance id.
    public func inventory() throws -> [String: InstanceInventory] {
        var result: [String: InstanceInventory] = [:]
        func entry(_ stamp: OwnerStamp) -> InstanceInventory {
            result[stamp.instance] ?? InstanceInventory(instance: stamp.instance, lab: stamp.lab, source: stamp.source)
        }
        for domain in try libvirt("host", "listing domains", { try connection.allDomains() }) {
            guard let xml = (try? domain.metadata(namespaceURI: OwnerStamp.namespaceURI)).flatMap({ $0 }),
                  let stamp = (try? OwnerStamp.parse(fromMetadataElement: xml)).flatMap({ $0 }),
                  let node = stamp.node else { continue }
            var item = entry(stamp)
            item.domains[node] = domain
            item.stamps[node] = stamp
            result[stamp.instance] = item
        }
        for network in try libvirt("host", "listing networks", { try connection.allNetworks() }) {
            guard let xml = try? network.xmlDesc(),
                  let stamp = (try? OwnerStamp.parse(fromNetworkXML: xml)).flatMap({ $0 }) else { continue }
            var item = entry(stamp)
            item.networks.append(network)
            result[stamp.instance] = item
        }
        if let pool = try libvirt("host", "looking up the pool", { try connection.lookupStoragePool(name: Naming.poolName) }),
           (try? pool.isActive) == true {
            try? pool.refresh()
            for volume in (try? pool.allVolumes()) ?? [] {
                let name = volume.name
                guard let cut = name.firstIndex(of: "_") else { continue }
                let instance = String(name[..<cut])
                // Volumes carry no stamp: they belong to an instance we know from its domains,
                // networks or local state.
                if var item = result[instance] {
                    item.volumes.append(volume)
                    result[instance] = item
                } else if let record = state.load(instance) {
                    var item = InstanceInventory(instance: instance, lab: record.lab, source: record.source)
                    item.volumes.append(volume)
                    result[instance] = item
                } else {
                    // Left behind with nothing else to name its lab: `down` matches it by id.
                    var item = InstanceInventory(instance: instance, lab: "", source: nil)
                    item.volumes.append(volume)
                    result[instance] = item
                }
            }
        }
        return result
    }
}
