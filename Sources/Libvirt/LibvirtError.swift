import CLibvirt

/// A failed libvirt call: libvirt's own error, the C function that failed, and how to fix it.
///
/// libvirt keeps its last error per thread, so the wrapper copies it out immediately after
/// the failing call, before anything else can run on that thread.
public struct LibvirtError: Error, CustomStringConvertible, Sendable, Equatable {
    /// libvirt's error number (`virErrorNumber`, e.g. 42 = `VIR_ERR_NO_DOMAIN`); see `Code`.
    public var code: Int32
    /// Where in libvirt the error was raised (`virErrorDomain`, e.g. 12 = `VIR_FROM_TEST`).
    public var domain: Int32
    /// libvirt's message, as it would print it.
    public var message: String
    /// The C function that failed, e.g. `"virDomainCreate"`.
    public var operation: String
    /// What to try next, for the codes where a hint helps.
    public var hint: String?

    /// Creates an error; `hint` defaults to the hint for `code` and `operation`.
    public init(code: Int32, domain: Int32, message: String, operation: String, hint: String? = nil) {
        self.code = code
        self.domain = domain
        self.message = message
        self.operation = operation
        self.hint = hint ?? Self.hint(forCode: code, operation: operation)
    }

    /// `"virDomainCreate failed: <libvirt message> (hint: ...)"`.
    public var description: String {
        var text = "\(operation) failed: \(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }

    /// Well-known `virErrorNumber` values, so callers need not import the C module.
    public enum Code {
        public static let internalError = Int32(VIR_ERR_INTERNAL_ERROR.rawValue)
        public static let noSupport = Int32(VIR_ERR_NO_SUPPORT.rawValue)
        public static let noConnect = Int32(VIR_ERR_NO_CONNECT.rawValue)
        public static let invalidArgument = Int32(VIR_ERR_INVALID_ARG.rawValue)
        public static let operationFailed = Int32(VIR_ERR_OPERATION_FAILED.rawValue)
        public static let xmlError = Int32(VIR_ERR_XML_ERROR.rawValue)
        public static let xmlDetail = Int32(VIR_ERR_XML_DETAIL.rawValue)
        public static let domainExists = Int32(VIR_ERR_DOM_EXIST.rawValue)
        public static let operationDenied = Int32(VIR_ERR_OPERATION_DENIED.rawValue)
        public static let networkExists = Int32(VIR_ERR_NETWORK_EXIST.rawValue)
        public static let systemError = Int32(VIR_ERR_SYSTEM_ERROR.rawValue)
        public static let noDomain = Int32(VIR_ERR_NO_DOMAIN.rawValue)
        public static let noNetwork = Int32(VIR_ERR_NO_NETWORK.rawValue)
        public static let authFailed = Int32(VIR_ERR_AUTH_FAILED.rawValue)
        public static let noStoragePool = Int32(VIR_ERR_NO_STORAGE_POOL.rawValue)
        public static let noStorageVolume = Int32(VIR_ERR_NO_STORAGE_VOL.rawValue)
        public static let operationInvalid = Int32(VIR_ERR_OPERATION_INVALID.rawValue)
        public static let configUnsupported = Int32(VIR_ERR_CONFIG_UNSUPPORTED.rawValue)
        public static let operationTimeout = Int32(VIR_ERR_OPERATION_TIMEOUT.rawValue)
        public static let argumentUnsupported = Int32(VIR_ERR_ARGUMENT_UNSUPPORTED.rawValue)
        public static let storagePoolBuilt = Int32(VIR_ERR_STORAGE_POOL_BUILT.rawValue)
        public static let noDomainMetadata = Int32(VIR_ERR_NO_DOMAIN_METADATA.rawValue)
        public static let operationUnsupported = Int32(VIR_ERR_OPERATION_UNSUPPORTED.rawValue)
        public static let agentUnresponsive = Int32(VIR_ERR_AGENT_UNRESPONSIVE.rawValue)
        public static let authUnavailable = Int32(VIR_ERR_AUTH_UNAVAILABLE.rawValue)
    }

    /// The fix-it hint for an error code, or nil when libvirt's message says it all.
    public static func hint(forCode code: Int32, operation: String) -> String? {
        let connectHint = "is libvirtd running? start it with: virtlogd -d && libvirtd -d (see README); "
            + "also check the connection URI (--connect or LIBVIRT_DEFAULT_URI)"
        let connecting = operation.hasPrefix("virConnectOpen")
        switch code {
        case Code.noConnect:
            return connectHint
        case Code.systemError where connecting:
            return connectHint
        case Code.authFailed, Code.authUnavailable, Code.operationDenied:
            return "permission denied: run as root or as a member of the libvirt group, "
                + "and do not use a read-only connection"
        case Code.operationInvalid:
            return "the object is in the wrong state for \(operation) "
                + "(e.g. starting a running domain or destroying one that is shut off); "
                + "check its state first"
        case Code.noSupport, Code.operationUnsupported, Code.argumentUnsupported:
            return "this libvirt driver does not implement \(operation); "
                + "use a connection whose driver does (e.g. qemu:///system)"
        case Code.xmlError, Code.xmlDetail, Code.configUnsupported:
            return "libvirt rejected the XML; check it with virt-xml-validate"
        case Code.domainExists, Code.networkExists:
            return "an object with this name or UUID already exists; "
                + "remove the leftover (vgrid down) or pick another lab name"
        case Code.noDomain, Code.noNetwork, Code.noStoragePool, Code.noStorageVolume:
            return "the object does not exist (any more); list them with virsh"
        case Code.agentUnresponsive, Code.operationTimeout:
            return "the QEMU guest agent did not answer: is qemu-guest-agent running in the guest "
                + "and does the domain have the org.qemu.guest_agent.0 channel?"
        default:
            return nil
        }
    }
}

extension LibvirtError {
    /// Copies libvirt's thread-local last error; call right after the failing C call.
    static func last(_ operation: String) -> LibvirtError {
        guard let err = virGetLastError() else {
            return LibvirtError(
                code: Code.internalError, domain: Int32(VIR_FROM_NONE.rawValue),
                message: "libvirt reported failure without an error", operation: operation)
        }
        let message = err.pointee.message.map { String(cString: $0) } ?? "unknown libvirt error"
        return LibvirtError(
            code: err.pointee.code, domain: err.pointee.domain,
            message: message, operation: operation)
    }
}
