import Foundation

/// A directory storage pool (libvirt pools have no `<metadata>`: own them by name).
public struct StoragePoolSpec: Sendable, Equatable {
    /// The pool name.
    public var name: String
    /// A fixed UUID, or nil to let libvirt pick one.
    public var uuid: UUID?
    /// The directory holding the volumes.
    public var path: String
    /// Octal permissions `build()` gives the directory.
    public var mode: String

    public init(name: String, uuid: UUID? = nil, path: String, mode: String = "0711") {
        self.name = name
        self.uuid = uuid
        self.path = path
        self.mode = mode
    }

    /// The pool XML for `virStoragePoolDefineXML`.
    public func render() throws -> String {
        let builder = XMLBuilder(root: "pool")
        let pool = builder.root
        try pool.set("type", "dir")
        try pool.child("name", text: name)
        if let uuid { try pool.child("uuid", text: uuid.uuidString.lowercased()) }
        let target = try pool.child("target")
        try target.child("path", text: path)
        try target.child("permissions").child("mode", text: mode)
        return builder.serialize()
    }
}
