import CLibvirt

extension LibvirtConnection {
    /// All domains, running and defined-but-inactive.
    public func allDomains() throws -> [Domain] {
        var list: UnsafeMutablePointer<virDomainPtr?>?
        let flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE.rawValue | VIR_CONNECT_LIST_DOMAINS_INACTIVE.rawValue
        let count = try check(virConnectListAllDomains(pointer, &list, flags), "virConnectListAllDomains")
        return takeArray(list, count: count) { Domain($0, connection: self) }
    }

    /// The domain with this name, or nil when there is none.
    public func lookupDomain(name: String) throws -> Domain? {
        guard let domain = virDomainLookupByName(pointer, name) else {
            let error = LibvirtError.last("virDomainLookupByName")
            if error.code == LibvirtError.Code.noDomain { return nil }
            throw error
        }
        return Domain(domain, connection: self)
    }

    /// Creates and starts a transient domain (no persistent definition; gone once it stops).
    ///
    /// With `autoDestroy` libvirt also destroys it when this connection closes (good for probes).
    @discardableResult
    public func createDomain(xml: String, autoDestroy: Bool = false) throws -> Domain {
        let flags = autoDestroy ? VIR_DOMAIN_START_AUTODESTROY.rawValue : 0
        guard let domain = virDomainCreateXML(pointer, xml, flags) else {
            throw LibvirtError.last("virDomainCreateXML")
        }
        return Domain(domain, connection: self)
    }

    /// Defines (or redefines) a persistent domain from XML; it stays shut off.
    @discardableResult
    public func defineDomain(xml: String) throws -> Domain {
        guard let domain = virDomainDefineXML(pointer, xml) else {
            throw LibvirtError.last("virDomainDefineXML")
        }
        return Domain(domain, connection: self)
    }
}
