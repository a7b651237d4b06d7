/// What a libvirt domain XML says about a node (to match it to a lab and clean up after it).
public struct DomainInfo: Sendable, Equatable {
    /// One `<interface>`.
    public struct Interface: Sendable, Equatable {
        /// `"network"`, `"bridge"`, ...
        public var type: String
        /// MAC address (libvirt always fills it in once defined).
        public var macAddress: String?
        /// The libvirt network name, for `type='network'`.
        public var network: String?
        /// The bridge name (given for `type='bridge'`; live XML also has it for networks).
        public var bridge: String?

        public init(type: String, macAddress: String? = nil, network: String? = nil, bridge: String? = nil) {
            self.type = type
            self.macAddress = macAddress
            self.network = network
            self.bridge = bridge
        }
    }

    /// One `<disk>`.
    public struct Disk: Sendable, Equatable {
        /// `"file"`, `"volume"`, ...
        public var type: String
        /// Guest device name (`"vda"`).
        public var targetDevice: String?
        /// Host file, for `type='file'`.
        public var sourceFile: String?
        /// Pool name, for `type='volume'`.
        public var pool: String?
        /// Volume name, for `type='volume'`.
        public var volume: String?

        public init(
            type: String, targetDevice: String? = nil, sourceFile: String? = nil,
            pool: String? = nil, volume: String? = nil
        ) {
            self.type = type
            self.targetDevice = targetDevice
            self.sourceFile = sourceFile
            self.pool = pool
            self.volume = volume
        }
    }

    /// The domain name.
    public var name: String
    /// The UUID, if the XML has one (libvirt's always does).
    public var uuid: String?
    /// `"kvm"`, `"qemu"`, `"test"`, ...
    public var virtType: String?
    /// `<memory>` in bytes.
    public var memoryBytes: UInt64?
    /// `<vcpu>` count.
    public var vcpus: Int?
    /// Direct-boot kernel path (`<os><kernel>`), if any.
    public var kernelPath: String?
    /// Direct-boot initrd path (`<os><initrd>`), if any.
    public var initrdPath: String?
    /// Interfaces in document order.
    public var interfaces: [Interface]
    /// Disks in document order.
    public var disks: [Disk]
    /// The serial console log file, if any.
    public var serialLogPath: String?
    /// The lab ownership stamp, if any.
    public var owner: OwnerStamp?

    public init(
        name: String, uuid: String? = nil, virtType: String? = nil, memoryBytes: UInt64? = nil,
        vcpus: Int? = nil, kernelPath: String? = nil, initrdPath: String? = nil,
        interfaces: [Interface] = [], disks: [Disk] = [], serialLogPath: String? = nil,
        owner: OwnerStamp? = nil
    ) {
        self.name = name
        self.uuid = uuid
        self.virtType = virtType
        self.memoryBytes = memoryBytes
        self.vcpus = vcpus
        self.kernelPath = kernelPath
        self.initrdPath = initrdPath
        self.interfaces = interfaces
        self.disks = disks
        self.serialLogPath = serialLogPath
        self.owner = owner
    }

    /// `<memory>` in KiB (libvirt's own unit), if present.
    public var memoryKiB: UInt64? { memoryBytes.map { $0 / 1024 } }
    /// MAC addresses of all interfaces that have one.
    public var macAddresses: [String] { interfaces.compactMap(\.macAddress) }
    /// Host files of all `type='file'` disks.
    public var diskSourceFiles: [String] { disks.compactMap(\.sourceFile) }

    /// Reads a domain's XML (live or inactive).
    public static func parse(fromXML xml: String) throws -> DomainInfo {
        let query = try XMLQuery(xml: xml)
        guard let name = try query.string(xpath: "/domain/name") else {
            throw LibvirtXMLError(.invalidContent, "not a libvirt domain: no /domain/name", at: "/domain")
        }
        return DomainInfo(
            name: name,
            uuid: try query.string(xpath: "/domain/uuid"),
            virtType: try query.string(xpath: "/domain/@type"),
            memoryBytes: try memoryBytes(in: query),
            vcpus: try query.string(xpath: "/domain/vcpu").flatMap { Int($0.trimmingWhitespace()) },
            kernelPath: try query.string(xpath: "/domain/os/kernel"),
            initrdPath: try query.string(xpath: "/domain/os/initrd"),
            interfaces: try interfaces(in: query),
            disks: try disks(in: query),
            serialLogPath: try query.string(xpath: "/domain/devices/serial[1]/log/@file"),
            owner: try OwnerStamp.parse(query, at: "/domain/metadata/vgrid:\(OwnerStamp.elementName)"))
    }

    private static func count(_ path: String, in query: XMLQuery) throws -> Int {
        Int(try query.string(xpath: "count(\(path))") ?? "0") ?? 0
    }

    private static func interfaces(in query: XMLQuery) throws -> [Interface] {
        try (1...max(1, try count("/domain/devices/interface", in: query))).compactMap { index in
            let path = "/domain/devices/interface[\(index)]"
            guard let type = try query.string(xpath: "\(path)/@type") else { return nil }
            return Interface(
                type: type,
                macAddress: try query.string(xpath: "\(path)/mac/@address"),
                network: try query.string(xpath: "\(path)/source/@network"),
                bridge: try query.string(xpath: "\(path)/source/@bridge"))
        }
    }

    private static func disks(in query: XMLQuery) throws -> [Disk] {
        try (1...max(1, try count("/domain/devices/disk", in: query))).compactMap { index in
            let path = "/domain/devices/disk[\(index)]"
            guard let type = try query.string(xpath: "\(path)/@type") else { return nil }
            return Disk(
                type: type,
                targetDevice: try query.string(xpath: "\(path)/target/@dev"),
                sourceFile: try query.string(xpath: "\(path)/source/@file"),
                pool: try query.string(xpath: "\(path)/source/@pool"),
                volume: try query.string(xpath: "\(path)/source/@volume"))
        }
    }

    private static func memoryBytes(in query: XMLQuery) throws -> UInt64? {
        guard let text = try query.string(xpath: "/domain/memory") else { return nil }
        let unit = try query.string(xpath: "/domain/memory/@unit") ?? "KiB"
        guard let value = UInt64(text.trimmingWhitespace()), let scale = scale(ofUnit: unit) else {
            throw LibvirtXMLError(
                .invalidContent, "memory '\(text)' \(unit) is not a size", at: "/domain/memory")
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        if overflow {
            throw LibvirtXMLError(.invalidContent, "memory \(text) \(unit) overflows", at: "/domain/memory")
        }
        return bytes
    }

    /// Bytes per unit, per libvirt's scaled-integer units.
    static func scale(ofUnit unit: String) -> UInt64? {
        let unit = unit.lowercased()
        if ["b", "byte", "bytes"].contains(unit) { return 1 }
        guard let first = unit.first, let exponent = "kmgtpe".firstIndex(of: first) else { return nil }
        let power = UInt64("kmgtpe".distance(from: "kmgtpe".startIndex, to: exponent) + 1)
        let base: UInt64
        switch unit.dropFirst() {
        case "", "ib": base = 1024
        case "b": base = 1000
        default: return nil
        }
        return (0..<power).reduce(1) { result, _ in result * base }
    }
}
