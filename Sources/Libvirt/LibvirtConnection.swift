import CLibvirt

/// An open connection to a libvirt driver (`test:///default`, `qemu:///system`, ...).
///
/// `@unchecked Sendable` because libvirt connections are thread safe: since libvirt 0.6 a
/// `virConnectPtr` and the objects obtained from it may be used from several threads at once
/// (libvirt locks internally), and errors are kept per thread. The class holds no mutable
/// Swift state. Calls block; run them off the cooperative thread pool.
public final class LibvirtConnection: @unchecked Sendable {
    let pointer: virConnectPtr

    /// The URI libvirt resolved this connection to (e.g. `"test:///default"`).
    public let uri: String

    /// Opens a connection; `nil` lets libvirt choose (`LIBVIRT_DEFAULT_URI`, its config, probing).
    ///
    /// A `readOnly` connection can list and inspect but not change anything.
    public init(uri: String?, readOnly: Bool = false) throws {
        LibvirtRuntime.ensureInitialized()
        let opened = readOnly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri)
        guard let pointer = opened else {
            throw LibvirtError.last(readOnly ? "virConnectOpenReadOnly" : "virConnectOpen")
        }
        self.pointer = pointer
        self.uri = takeString(virConnectGetURI(pointer)) ?? uri ?? ""
    }

    deinit {
        virConnectClose(pointer)
    }

    /// The host name of the hypervisor host.
    public var hostname: String {
        get throws {
            guard let name = takeString(virConnectGetHostname(pointer)) else {
                throw LibvirtError.last("virConnectGetHostname")
            }
            return name
        }
    }

    /// CPU count and memory of the host.
    public var nodeInfo: NodeInfo {
        get throws {
            var info = virNodeInfo()
            try check(virNodeGetInfo(pointer, &info), "virNodeGetInfo")
            return NodeInfo(info)
        }
    }

    /// Free host memory in bytes.
    public var freeMemoryBytes: UInt64 {
        get throws {
            let bytes = virNodeGetFreeMemory(pointer)
            // 0 is libvirt's failure value; a host with truly 0 bytes free cannot answer.
            if bytes == 0 { throw LibvirtError.last("virNodeGetFreeMemory") }
            return UInt64(bytes)
        }
    }

    /// The host capabilities XML (`virsh capabilities`).
    public func capabilities() throws -> String {
        guard let xml = takeString(virConnectGetCapabilities(pointer)) else {
            throw LibvirtError.last("virConnectGetCapabilities")
        }
        return xml
    }

    /// The domain capabilities XML for a virtualisation type (`"kvm"`, `"qemu"`), host arch and default machine.
    public func domainCapabilities(virtType: String) throws -> String {
        guard let xml = takeString(virConnectGetDomainCapabilities(pointer, nil, nil, nil, virtType, 0)) else {
            throw LibvirtError.last("virConnectGetDomainCapabilities")
        }
        return xml
    }

    /// A new blocking stream on this connection (for uploads and consoles).
    public func newStream() throws -> LibvirtStream {
        guard let stream = virStreamNew(pointer, 0) else {
            throw LibvirtError.last("virStreamNew")
        }
        return LibvirtStream(stream, connection: self)
    }
}

/// CPU and memory of the hypervisor host.
public struct NodeInfo: Sendable, Equatable {
    /// CPU model name.
    public var model: String
    /// Memory size in bytes.
    public var memoryBytes: UInt64
    /// Number of active CPUs.
    public var cpus: Int
    /// CPU frequency in MHz.
    public var mhz: Int

    public init(model: String, memoryBytes: UInt64, cpus: Int, mhz: Int) {
        self.model = model
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.mhz = mhz
    }

    init(_ info: virNodeInfo) {
        var modelField = info.model
        let model = withUnsafeBytes(of: &modelField) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.init(
            model: model, memoryBytes: UInt64(info.memory) * 1024,
            cpus: Int(info.cpus), mhz: Int(info.mhz))
    }
}
