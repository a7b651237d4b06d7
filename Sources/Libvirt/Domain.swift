import CLibvirt

/// A libvirt domain (virtual machine), defined or running.
///
/// `@unchecked Sendable`: a `virDomainPtr` may be used from any thread (libvirt locks
/// internally); the class holds no mutable Swift state.
public final class Domain: @unchecked Sendable {
    let pointer: virDomainPtr
    /// The connection this domain came from (kept alive as long as the domain is).
    public let connection: LibvirtConnection
    /// The domain name (unique per connection).
    public let name: String

    init(_ pointer: virDomainPtr, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
        self.name = virDomainGetName(pointer).map { String(cString: $0) } ?? ""
    }

    deinit {
        virDomainFree(pointer)
    }

    /// The UUID in canonical lowercase text form.
    public var uuidString: String {
        get throws { try readUUIDString("virDomainGetUUIDString") { virDomainGetUUIDString(pointer, $0) } }
    }

    /// The hypervisor ID of a running domain, nil when it is not running.
    public var id: UInt32? {
        let id = virDomainGetID(pointer)
        return id == UInt32.max ? nil : id
    }

    /// The domain XML; `inactive: true` gives the persistent config instead of the live one.
    public func xmlDesc(inactive: Bool = false) throws -> String {
        let flags = inactive ? VIR_DOMAIN_XML_INACTIVE.rawValue : 0
        guard let xml = takeString(virDomainGetXMLDesc(pointer, flags)) else {
            throw LibvirtError.last("virDomainGetXMLDesc")
        }
        return xml
    }

    /// The current run state.
    public var state: DomainState {
        get throws {
            var state: Int32 = 0
            var reason: Int32 = 0
            try check(virDomainGetState(pointer, &state, &reason, 0), "virDomainGetState")
            return DomainState(rawValue: state)
        }
    }

    /// Whether the domain is running (or paused): it has a live process.
    public var isActive: Bool {
        get throws { try check(virDomainIsActive(pointer), "virDomainIsActive") == 1 }
    }

    /// Whether the domain has a persistent definition (survives `destroy()`).
    public var isPersistent: Bool {
        get throws { try check(virDomainIsPersistent(pointer), "virDomainIsPersistent") == 1 }
    }

    /// Starts a defined domain.
    public func create() throws {
        try check(virDomainCreate(pointer), "virDomainCreate")
    }

    /// Powers the domain off immediately (pulling the plug).
    public func destroy() throws {
        try check(virDomainDestroy(pointer), "virDomainDestroy")
    }

    /// Asks the guest OS to shut down (ACPI or agent); returns before it has.
    public func shutdown() throws {
        try check(virDomainShutdown(pointer), "virDomainShutdown")
    }

    /// Removes the persistent definition, including managed save, NVRAM, snapshot and checkpoint metadata.
    ///
    /// A running domain keeps running as a transient one; `destroy()` it too. Drivers that
    /// reject some of these flags as unsupported (the test driver knows no NVRAM or
    /// checkpoints) have nothing of that kind to remove, so the call is retried without them.
    public func undefine() throws {
        let attempts: [UInt32] = [
            VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue
                | VIR_DOMAIN_UNDEFINE_NVRAM.rawValue | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA.rawValue,
            VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue,
            0,
        ]
        for (index, flags) in attempts.enumerated() {
            if virDomainUndefineFlags(pointer, flags) == 0 { return }
            let error = LibvirtError.last("virDomainUndefineFlags")
            let unsupportedFlags = error.code == LibvirtError.Code.invalidArgument
                && error.message.contains("unsupported flags")
            if !unsupportedFlags || index == attempts.count - 1 { throw error }
        }
    }

    /// Opens the domain's console (the first one, or `device` such as `"serial0"`) onto `stream`.
    ///
    /// `force` takes the console over from another client that holds it.
    public func openConsole(stream: LibvirtStream, device: String? = nil, force: Bool = false) throws {
        let flags = force ? VIR_DOMAIN_CONSOLE_FORCE.rawValue : 0
        try check(virDomainOpenConsole(pointer, device, stream.pointer, flags), "virDomainOpenConsole")
    }
}
