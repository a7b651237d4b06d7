import Yams

extension LabFileDecoder {
    mutating func decodeNetworks(_ node: YAMLNode, into lab: inout LabFile) {
        guard let section = fields(node, in: "'networks'", allowed: ["external", "internal"]) else { return }
        if let node = section["external"],
           let external = fields(node, in: "'networks.external'", allowed: ["mode", "bridge", "subnet"]) {
            let before = diagnostics.count
            lab.external.location = section.keys["external"].map(location)
            if let node = external["mode"] { lab.external.mode = choice(node, for: "mode", as: ExternalNetwork.Mode.self) }
            if let node = external["bridge"] { lab.external.bridge = bridgeName(node) }
            if let node = external["subnet"] { lab.external.subnet = subnet(node) }
            lab.external.isComplete = diagnostics.count == before
        }
        if let node = section["internal"],
           let internalNet = fields(node, in: "'networks.internal'", allowed: ["subnet"]),
           let node = internalNet["subnet"] {
            lab.internalSubnet = subnet(node)
        }
    }

    /// `auto` or a CIDR with host bits clear (`10.42.0.0/24`).
    mutating func subnet(_ node: YAMLNode) -> Located<SubnetRequest>? {
        guard let text = string(node, for: "subnet") else { return nil }
        if text.value == "auto" { return Located(value: .auto, location: text.location) }
        let usage = "write 'auto' or a CIDR such as 10.42.0.0/24 (prefix /8 to /30)"
        guard let subnet = IPv4Subnet(cidr: text.value) else {
            report(.invalidValue, at: text.location, "invalid subnet '\(text.value)'", hint: usage)
            return nil
        }
        let address = text.value.split(separator: "/").first.map(String.init).flatMap(IPv4Subnet.parseAddress)
        guard address == subnet.network else {
            report(.invalidValue, at: text.location, "subnet '\(text.value)' has host bits set",
                   hint: "did you mean '\(subnet)'?")
            return nil
        }
        return Located(value: .fixed(subnet), location: text.location)
    }

    /// A Linux interface name: 1-15 characters, no '/', ':' or white space.
    mutating func bridgeName(_ node: YAMLNode) -> Located<String>? {
        guard let name = string(node, for: "bridge") else { return nil }
        let bad = name.value.unicodeScalars.contains { $0 == "/" || $0 == ":" || $0.properties.isWhitespace || !$0.isASCII }
        if name.value.isEmpty || name.value.count > 15 || bad {
            report(.invalidValue, at: name.location, "invalid bridge name '\(name.value)'",
                   hint: "name an existing host bridge (1-15 characters, no '/', ':' or spaces), e.g. br0")
            return nil
        }
        return name
    }
}
