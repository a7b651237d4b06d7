import CLibvirt

/// Which definition a change applies to (`virDomainModificationImpact`).
public enum DomainModificationImpact: Sendable {
    /// The live state if running, else the persistent config.
    case current
    /// The running domain only.
    case live
    /// The persistent config only.
    case config
    /// Both the running domain and the persistent config.
    case liveAndConfig

    var flags: UInt32 {
        switch self {
        case .current: return VIR_DOMAIN_AFFECT_CURRENT.rawValue
        case .live: return VIR_DOMAIN_AFFECT_LIVE.rawValue
        case .config: return VIR_DOMAIN_AFFECT_CONFIG.rawValue
        case .liveAndConfig: return VIR_DOMAIN_AFFECT_LIVE.rawValue | VIR_DOMAIN_AFFECT_CONFIG.rawValue
        }
    }
}

extension Domain {
    /// The custom `<metadata>` element in `namespaceURI`, or nil when the domain has none.
    ///
    /// libvirt returns the element without its namespace prefix or declaration.
    public func metadata(namespaceURI: String, impact: DomainModificationImpact = .current) throws -> String? {
        let type = Int32(VIR_DOMAIN_METADATA_ELEMENT.rawValue)
        guard let xml = takeString(virDomainGetMetadata(pointer, type, namespaceURI, impact.flags)) else {
            let error = LibvirtError.last("virDomainGetMetadata")
            if error.code == LibvirtError.Code.noDomainMetadata { return nil }
            throw error
        }
        return xml
    }

    /// Sets (or with `xml: nil` removes) the custom `<metadata>` element in `namespaceURI`.
    ///
    /// `xml` is one element without namespace; libvirt adds `key` as its prefix.
    public func setMetadata(
        xml: String?, key: String, namespaceURI: String, impact: DomainModificationImpact = .current
    ) throws {
        let type = Int32(VIR_DOMAIN_METADATA_ELEMENT.rawValue)
        try check(
            virDomainSetMetadata(pointer, type, xml, xml == nil ? nil : key, namespaceURI, impact.flags),
            "virDomainSetMetadata")
    }

    /// Sends a JSON command to the QEMU guest agent and returns its JSON reply.
    ///
    /// `timeoutSeconds` > 0 waits that long; 0 does not wait; -1 uses libvirt's default;
    /// -2 blocks forever.
    public func qemuAgentCommand(_ json: String, timeoutSeconds: Int) throws -> String {
        guard let reply = takeString(virDomainQemuAgentCommand(pointer, json, Int32(timeoutSeconds), 0)) else {
            throw LibvirtError.last("virDomainQemuAgentCommand")
        }
        return reply
    }
}
