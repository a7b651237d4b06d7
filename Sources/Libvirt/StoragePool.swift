import CLibvirt

/// A libvirt storage pool (for vgrid: a directory of volume files).
///
/// `@unchecked Sendable`: a `virStoragePoolPtr` may be used from any thread; no mutable Swift state.
public final class StoragePool: @unchecked Sendable {
    let pointer: virStoragePoolPtr
    /// The connection this pool came from.
    public let connection: LibvirtConnection
    /// The pool name (unique per connection).
    public let name: String

    init(_ pointer: virStoragePoolPtr, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virStoragePoolGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virStoragePoolFree(pointer)
    }

    /// The UUID in canonical lowercase text form.
    public var uuidString: String {
        get throws { try readUUIDString("virStoragePoolGetUUIDString") { virStoragePoolGetUUIDString(pointer, $0) } }
    }

    /// The pool XML.
    public func xmlDesc(inactive: Bool = false) throws -> String {
        let flags = inactive ? VIR_STORAGE_XML_INACTIVE.rawValue : 0
        guard let xml = takeString(virStoragePoolGetXMLDesc(pointer, flags)) else {
            throw LibvirtError.last("virStoragePoolGetXMLDesc")
        }
        return xml
    }

    /// Whether the pool is started.
    public var isActive: Bool {
        get throws { try check(virStoragePoolIsActive(pointer), "virStoragePoolIsActive") == 1 }
    }

    /// Whether libvirtd starts the pool when it starts.
    public func setAutostart(_ enabled: Bool) throws {
        try check(virStoragePoolSetAutostart(pointer, enabled ? 1 : 0), "virStoragePoolSetAutostart")
    }

    /// Builds the pool's backing storage (for a dir pool: creates the directory with its mode).
    public func build() throws {
        try check(virStoragePoolBuild(pointer, 0), "virStoragePoolBuild")
    }

    /// Starts the pool.
    public func create() throws {
        try check(virStoragePoolCreate(pointer, 0), "virStoragePoolCreate")
    }

    /// Stops the pool (volumes stay on disk).
    public func destroy() throws {
        try check(virStoragePoolDestroy(pointer), "virStoragePoolDestroy")
    }

    /// Removes the pool definition (volumes stay on disk).
    public func undefine() throws {
        try check(virStoragePoolUndefine(pointer), "virStoragePoolUndefine")
    }

    /// Rescans the pool for volumes created outside libvirt.
    public func refresh() throws {
        try check(virStoragePoolRefresh(pointer, 0), "virStoragePoolRefresh")
    }

    /// All volumes in the (active) pool.
    public func allVolumes() throws -> [StorageVolume] {
        var list: UnsafeMutablePointer<virStorageVolPtr?>?
        let count = try check(virStoragePoolListAllVolumes(pointer, &list, 0), "virStoragePoolListAllVolumes")
        return takeArray(list, count: count) { StorageVolume($0, connection: connection) }
    }

    /// The volume with this name, or nil when the pool has none.
    public func lookupVolume(name: String) throws -> StorageVolume? {
        guard let volume = virStorageVolLookupByName(pointer, name) else {
            let error = LibvirtError.last("virStorageVolLookupByName")
            if error.code == LibvirtError.Code.noStorageVolume { return nil }
            throw error
        }
        return StorageVolume(volume, connection: connection)
    }

    /// Creates a volume from XML (e.g. an empty qcow2, or an overlay on a backing file).
    @discardableResult
    public func createVolume(xml: String) throws -> StorageVolume {
        guard let volume = virStorageVolCreateXML(pointer, xml, 0) else {
            throw LibvirtError.last("virStorageVolCreateXML")
        }
        return StorageVolume(volume, connection: connection)
    }
}
