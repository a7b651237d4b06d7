import CLibvirt

extension LibvirtConnection {
    /// All networks, active and inactive.
    public func allNetworks() throws -> [Network] {
        var list: UnsafeMutablePointer<virNetworkPtr?>?
        let count = try check(virConnectListAllNetworks(pointer, &list, 0), "virConnectListAllNetworks")
        return takeArray(list, count: count) { Network($0, connection: self) }
    }

    /// The network with this name, or nil when there is none.
    public func lookupNetwork(name: String) throws -> Network? {
        guard let network = virNetworkLookupByName(pointer, name) else {
            let error = LibvirtError.last("virNetworkLookupByName")
            if error.code == LibvirtError.Code.noNetwork { return nil }
            throw error
        }
        return Network(network, connection: self)
    }

    /// Defines a persistent network from XML; it stays inactive until `create()`.
    @discardableResult
    public func defineNetwork(xml: String) throws -> Network {
        guard let network = virNetworkDefineXML(pointer, xml) else {
            throw LibvirtError.last("virNetworkDefineXML")
        }
        return Network(network, connection: self)
    }

    /// Creates and starts a transient network; it disappears when destroyed.
    @discardableResult
    public func createNetwork(xml: String) throws -> Network {
        guard let network = virNetworkCreateXML(pointer, xml) else {
            throw LibvirtError.last("virNetworkCreateXML")
        }
        return Network(network, connection: self)
    }
}
