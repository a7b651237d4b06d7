import CLibvirt

/// A libvirt virtual network (a host bridge, optionally with NAT and DHCP).
///
/// libvirt 9.0 has no `virNetworkGetMetadata` (it arrived in 9.7): read the `<metadata>`
/// of a network from `xmlDesc()` instead (LibvirtXML's `OwnerStamp.parse(fromNetworkXML:)`).
///
/// `@unchecked Sendable`: a `virNetworkPtr` may be used from any thread; no mutable Swift state.
public final class Network: @unchecked Sendable {
    let pointer: virNetworkPtr
    /// The connection this network came from.
    public let connection: LibvirtConnection
    /// The network name (unique per connection).
    public let name: String

    init(_ pointer: virNetworkPtr, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virNetworkGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virNetworkFree(pointer)
    }

    /// The UUID in canonical lowercase text form.
    public var uuidString: String {
        get throws { try readUUIDString("virNetworkGetUUIDString") { virNetworkGetUUIDString(pointer, $0) } }
    }

    /// The network XML (live config when active).
    public func xmlDesc(inactive: Bool = false) throws -> String {
        let flags = inactive ? VIR_NETWORK_XML_INACTIVE.rawValue : 0
        guard let xml = takeString(virNetworkGetXMLDesc(pointer, flags)) else {
            throw LibvirtError.last("virNetworkGetXMLDesc")
        }
        return xml
    }

    /// Whether the network is running (its bridge exists).
    public var isActive: Bool {
        get throws { try check(virNetworkIsActive(pointer), "virNetworkIsActive") == 1 }
    }

    /// Whether the network has a persistent definition.
    public var isPersistent: Bool {
        get throws { try check(virNetworkIsPersistent(pointer), "virNetworkIsPersistent") == 1 }
    }

    /// The host bridge device name (e.g. `"vg-lab1-0"`).
    public var bridgeName: String {
        get throws {
            guard let name = takeString(virNetworkGetBridgeName(pointer)) else {
                throw LibvirtError.last("virNetworkGetBridgeName")
            }
            return name
        }
    }

    /// Whether libvirtd starts the network when it starts.
    public var autostart: Bool {
        get throws {
            var value: Int32 = 0
            try check(virNetworkGetAutostart(pointer, &value), "virNetworkGetAutostart")
            return value != 0
        }
    }

    /// Sets whether libvirtd starts the network when it starts (persistent networks only).
    public func setAutostart(_ enabled: Bool) throws {
        try check(virNetworkSetAutostart(pointer, enabled ? 1 : 0), "virNetworkSetAutostart")
    }

    /// Starts a defined network (creates its bridge).
    public func create() throws {
        try check(virNetworkCreate(pointer), "virNetworkCreate")
    }

    /// Stops the network (removes its bridge); a transient network disappears.
    public func destroy() throws {
        try check(virNetworkDestroy(pointer), "virNetworkDestroy")
    }

    /// Removes the persistent definition (an active network keeps running as transient).
    public func undefine() throws {
        try check(virNetworkUndefine(pointer), "virNetworkUndefine")
    }
}
