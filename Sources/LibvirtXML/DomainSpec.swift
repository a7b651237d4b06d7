import Foundation

/// A vgrid node as a libvirt domain: direct kernel boot, virtio devices, a logged serial
/// console, a guest-agent channel, and the owner stamp.
public struct DomainSpec: Sendable, Equatable {
    /// The hypervisor: hardware virtualisation or QEMU's software emulation (TCG).
    public enum VirtType: String, Sendable, Equatable, CaseIterable {
        case kvm
        case qemu
    }

    /// The guest CPU model (`<cpu mode=...>`); nil leaves libvirt's default.
    public enum CPUMode: String, Sendable, Equatable {
        case hostPassthrough = "host-passthrough"
        case hostModel = "host-model"
        case maximum
    }

    /// The domain name (unique per host; vgrid prefixes it with the lab).
    public var name: String
    /// A fixed UUID, or nil to let libvirt pick one.
    public var uuid: UUID?
    /// A one-line title (no newlines).
    public var title: String?
    /// Free-form description.
    public var description: String?
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Number of virtual CPUs.
    public var vcpus: Int
    /// `kvm` or `qemu` (TCG).
    public var virtType: VirtType
    /// Size of QEMU's TCG translation cache in MiB (only rendered for `qemu`; default is huge).
    public var tcgTranslationCacheMiB: Int?
    /// Guest CPU model; nil for libvirt's default.
    public var cpuMode: CPUMode?
    /// Kernel, initrd and command line, booted directly (no bootloader).
    public var boot: DirectKernelBoot
    /// Disks in target order.
    public var disks: [DiskSpec]
    /// Network interfaces in guest order.
    public var interfaces: [InterfaceSpec]
    /// Host file the serial console output is appended to; nil for no log.
    public var serialLogPath: String?
    /// Whether to add the `org.qemu.guest_agent.0` virtio-serial channel.
    public var guestAgentChannel: Bool
    /// Whether to add a virtio RNG fed from the host's `/dev/urandom`.
    public var virtioRNG: Bool
    /// A virtio balloon with free page reporting: the guest hands unused pages back to the
    /// host, which keeps QEMU's resident memory near what the guest really uses.
    public var freePageReportingBalloon: Bool
    /// The lab ownership stamp, rendered under `<metadata>`.
    public var owner: OwnerStamp?

    public init(
        name: String, uuid: UUID? = nil, title: String? = nil, description: String? = nil,
        memoryMiB: Int, vcpus: Int = 1, virtType: VirtType, tcgTranslationCacheMiB: Int? = nil,
        cpuMode: CPUMode? = nil, boot: DirectKernelBoot, disks: [DiskSpec] = [],
        interfaces: [InterfaceSpec] = [], serialLogPath: String? = nil,
        guestAgentChannel: Bool = true, virtioRNG: Bool = false, freePageReportingBalloon: Bool = false,
        owner: OwnerStamp? = nil
    ) {
        self.name = name
        self.uuid = uuid
        self.title = title
        self.description = description
        self.memoryMiB = memoryMiB
        self.vcpus = vcpus
        self.virtType = virtType
        self.tcgTranslationCacheMiB = tcgTranslationCacheMiB
        self.cpuMode = cpuMode
        self.boot = boot
        self.disks = disks
        self.interfaces = interfaces
        self.serialLogPath = serialLogPath
        self.guestAgentChannel = guestAgentChannel
        self.virtioRNG = virtioRNG
        self.freePageReportingBalloon = freePageReportingBalloon
        self.owner = owner
    }
}

/// Direct kernel boot on an `hvm` machine.
public struct DirectKernelBoot: Sendable, Equatable {
    /// Host path of the kernel image.
    public var kernelPath: String
    /// Host path of the initrd, if any.
    public var initrdPath: String?
    /// Kernel command line, e.g. `"console=ttyS0 root=/dev/vda"`.
    public var commandLine: String?
    /// Machine type (e.g. `"pc"`, `"q35"`); nil for libvirt's default.
    public var machine: String?
    /// Guest architecture.
    public var arch: String

    public init(
        kernelPath: String, initrdPath: String? = nil, commandLine: String? = nil,
        machine: String? = nil, arch: String = "x86_64"
    ) {
        self.kernelPath = kernelPath
        self.initrdPath = initrdPath
        self.commandLine = commandLine
        self.machine = machine
        self.arch = arch
    }
}

/// A virtio disk.
public struct DiskSpec: Sendable, Equatable {
    /// Where the disk's data lives.
    public enum Source: Sendable, Equatable {
        /// A host file (`<disk type='file'>`).
        case file(path: String)
        /// A volume in a libvirt storage pool (`<disk type='volume'>`), labelled by libvirt.
        case volume(pool: String, volume: String)
    }

    /// The image format.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case qcow2
        case raw
    }

    /// Where the data lives.
    public var source: Source
    /// The image format.
    public var format: Format
    /// Guest device name, e.g. `"vda"`.
    public var targetDevice: String
    /// Guest bus (`"virtio"`).
    public var bus: String
    /// Whether the guest sees it read-only.
    public var readOnly: Bool

    public init(source: Source, format: Format, targetDevice: String, bus: String = "virtio", readOnly: Bool = false) {
        self.source = source
        self.format = format
        self.targetDevice = targetDevice
        self.bus = bus
        self.readOnly = readOnly
    }
}

/// A network interface.
public struct InterfaceSpec: Sendable, Equatable {
    /// What the interface plugs into.
    public enum Source: Sendable, Equatable {
        /// A libvirt network by name.
        case network(String)
        /// An existing host bridge by name.
        case bridge(String)
    }

    /// What the interface plugs into.
    public var source: Source
    /// MAC address (`"52:54:00:..."`); nil lets libvirt pick one.
    public var macAddress: String?
    /// Device model (`"virtio"`).
    public var model: String
    /// Whether the NIC carries its network-boot option ROM (iPXE). A guest booted from a kernel
    /// file never uses it, and the firmware would still load and run it at every start.
    public var bootROM: Bool

    public init(source: Source, macAddress: String? = nil, model: String = "virtio", bootROM: Bool = true) {
        self.source = source
        self.macAddress = macAddress
        self.model = model
        self.bootROM = bootROM
    }
}
