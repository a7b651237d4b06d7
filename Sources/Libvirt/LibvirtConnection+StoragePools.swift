import CLibvirt

extension LibvirtConnection {
    /// All storage pools, active and inactive.
    public func allStoragePools() throws -> [StoragePool] {
        var list: UnsafeMutablePointer<virStoragePoolPtr?>?
        let count = try check(
            virConnectListAllStoragePools(pointer, &list, 0), "virConnectListAllStoragePools")
        return takeArray(list, count: count) { StoragePool($0, connection: self) }
    }

    /// The storage pool with this name, or nil when there is none.
    public func lookupStoragePool(name: String) throws -> StoragePool? {
        guard let pool = virStoragePoolLookupByName(pointer, name) else {
            let error = LibvirtError.last("virStoragePoolLookupByName")
            if error.code == LibvirtError.Code.noStoragePool { return nil }
            throw error
        }
        return StoragePool(pool, connection: self)
    }

    /// Defines a persistent storage pool from XML; `build()` and `create()` it next.
    @discardableResult
    public func defineStoragePool(xml: String) throws -> StoragePool {
        guard let pool = virStoragePoolDefineXML(pointer, xml, 0) else {
            throw LibvirtError.last("virStoragePoolDefineXML")
        }
        return StoragePool(pool, connection: self)
    }
}
