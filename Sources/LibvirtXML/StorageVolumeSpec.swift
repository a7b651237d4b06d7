/// A volume in a directory pool: an empty image or a copy-on-write overlay of a backing file.
public struct StorageVolumeSpec: Sendable, Equatable {
    /// The backing image of an overlay.
    public struct BackingStore: Sendable, Equatable {
        /// Host path of the backing image (e.g. another volume's path).
        public var path: String
        /// Its format.
        public var format: DiskSpec.Format

        public init(path: String, format: DiskSpec.Format) {
            self.path = path
            self.format = format
        }
    }

    /// The volume name (its file name in a dir pool).
    public var name: String
    /// Size the guest sees, in bytes.
    public var capacityBytes: UInt64
    /// Host space to allocate up front, in bytes (0 = sparse).
    public var allocationBytes: UInt64
    /// Image format.
    public var format: DiskSpec.Format
    /// Backing image for a qcow2 overlay.
    public var backingStore: BackingStore?

    public init(
        name: String, capacityBytes: UInt64, allocationBytes: UInt64 = 0,
        format: DiskSpec.Format = .qcow2, backingStore: BackingStore? = nil
    ) {
        self.name = name
        self.capacityBytes = capacityBytes
        self.allocationBytes = allocationBytes
        self.format = format
        self.backingStore = backingStore
    }

    /// The volume XML for `virStorageVolCreateXML`.
    public func render() throws -> String {
        let builder = XMLBuilder(root: "volume")
        let volume = builder.root
        try volume.set("type", "file")
        try volume.child("name", text: name)
        try volume.child("capacity", [("unit", "bytes")], text: String(capacityBytes))
        try volume.child("allocation", [("unit", "bytes")], text: String(allocationBytes))
        try volume.child("target").child("format", [("type", format.rawValue)])
        if let backingStore {
            let backing = try volume.child("backingStore")
            try backing.child("path", text: backingStore.path)
            try backing.child("format", [("type", backingStore.format.rawValue)])
        }
        return builder.serialize()
    }
}
