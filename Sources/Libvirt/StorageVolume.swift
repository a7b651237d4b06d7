import CLibvirt

/// A volume (disk image file) in a storage pool.
///
/// `@unchecked Sendable`: a `virStorageVolPtr` may be used from any thread; no mutable Swift state.
public final class StorageVolume: @unchecked Sendable {
    let pointer: virStorageVolPtr
    /// The connection this volume came from.
    public let connection: LibvirtConnection
    /// The volume name (unique within its pool).
    public let name: String

    init(_ pointer: virStorageVolPtr, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virStorageVolGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virStorageVolFree(pointer)
    }

    /// The volume's path on the host (for a dir pool: the image file).
    public var path: String {
        get throws {
            guard let path = takeString(virStorageVolGetPath(pointer)) else {
                throw LibvirtError.last("virStorageVolGetPath")
            }
            return path
        }
    }

    /// The volume's host-unique key (for a dir pool: its path).
    public var key: String {
        get throws {
            // libvirt owns this string: copy, do not free.
            guard let key = virStorageVolGetKey(pointer) else {
                throw LibvirtError.last("virStorageVolGetKey")
            }
            return String(cString: key)
        }
    }

    /// Logical size and space used on the host.
    public var info: StorageVolumeInfo {
        get throws {
            var info = virStorageVolInfo()
            try check(virStorageVolGetInfo(pointer, &info), "virStorageVolGetInfo")
            return StorageVolumeInfo(capacityBytes: info.capacity, allocationBytes: info.allocation)
        }
    }

    /// The volume XML.
    public func xmlDesc() throws -> String {
        guard let xml = takeString(virStorageVolGetXMLDesc(pointer, 0)) else {
            throw LibvirtError.last("virStorageVolGetXMLDesc")
        }
        return xml
    }

    /// Deletes the volume and its file.
    public func delete() throws {
        try check(virStorageVolDelete(pointer, 0), "virStorageVolDelete")
    }

    /// Replaces the volume's content with a local file's bytes (raw copy from offset 0).
    ///
    /// The file is sent through a stream in `chunkSize` pieces; on any failure the transfer
    /// is aborted and the first error is thrown. Local I/O errors come back as `LibvirtError`
    /// with `operation` `"open"` or `"read"` and code `Code.systemError`.
    public func upload(fileAt path: String, chunkSize: Int = 256 * 1024) throws {
        let file = try LocalFile(readingAt: path)
        let stream = try connection.newStream()
        try check(virStorageVolUpload(pointer, stream.pointer, 0, file.size, 0), "virStorageVolUpload")
        do {
            try file.forEachChunk(size: chunkSize) { try stream.sendAll($0) }
            try stream.finish()
        } catch {
            stream.abort()
            throw error
        }
    }
}

/// Size facts of a storage volume.
public struct StorageVolumeInfo: Sendable, Equatable {
    /// Logical size the guest sees, in bytes.
    public var capacityBytes: UInt64
    /// Host space currently used, in bytes.
    public var allocationBytes: UInt64

    public init(capacityBytes: UInt64, allocationBytes: UInt64) {
        self.capacityBytes = capacityBytes
        self.allocationBytes = allocationBytes
    }
}
