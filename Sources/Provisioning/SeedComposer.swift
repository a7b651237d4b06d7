import LabModel

/// Turns a node of an instance layout into its seed: hostname, addresses, /etc/hosts for
/// every node of the instance, the lab's accounts, and whatever contributors add.
public struct SeedComposer: Sendable {
    public var contributors: [any SeedContributor]
    /// First uid given to lab accounts (in file order), as Debian's adduser would.
    public static let firstUID = 1001

    public init(contributors: [any SeedContributor] = []) { self.contributors = contributors }

    public func seed(for node: NodeLayout, in layout: InstanceLayout) throws -> NodeSeed {
        var environment: [(String, String)] = [
            ("VGRID_LAB", layout.labName),
            ("VGRID_INSTANCE", layout.id),
            ("VGRID_NODE", node.node.name),
            ("VGRID_ROLE", node.node.role.rawValue),
            ("VGRID_IFACES", "external internal"),
            ("VGRID_IF_internal_MAC", node.internalMAC),
            ("VGRID_IF_internal_ADDR", "\(node.internalAddress)/\(layout.internalSubnet.prefixLength)"),
            ("VGRID_IF_external_MAC", node.externalMAC),
        ]
        if let address = node.externalAddress, let subnet = layout.externalSubnet {
            environment.append(("VGRID_IF_external_ADDR", "\(address)/\(subnet.prefixLength)"))
            if layout.instance.external.mode == .nat {
                environment.append(("VGRID_GATEWAY", InstanceLayout.gatewayAddress(subnet)))
            }
        } else {
            environment.append(("VGRID_IF_external_ADDR", "dhcp"))
        }
        if let student = layout.instance.student { environment.append(("VGRID_STUDENT", student)) }

        let accounts = layout.instance.users.enumerated().map { index, user in
            NodeSeed.Account(name: user.name, uid: SeedComposer.firstUID + index,
                             home: "/home/\(user.name)", shell: "/bin/sh")
        }
        var seed = NodeSeed(
            instanceID: "\(node.domainName)",
            hostname: node.node.name,
            environment: environment,
            hosts: hostsFile(layout),
            accounts: accounts,
            networkConfig: networkConfig(node, layout),
            userData: userData(node, accounts))
        seed.liveFiles.append(.init(path: "/etc/vgrid/lab.env", mode: 0o644, text: labSummary(layout)))
        seed.liveFiles.append(.init(path: "/etc/motd", mode: 0o644, text: motd(node, layout)))
        for contributor in contributors {
            try contributor.contribute(to: &seed, node: node, in: layout)
        }
        return seed
    }

    /// Nodes reach each other by name over the internal network; `<name>-ext` is the
    /// external address.
    func hostsFile(_ layout: InstanceLayout) -> String {
        var lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"]
        for node in layout.nodes {
            lines.append("\(node.internalAddress)\t\(node.node.name).\(layout.id).grid \(node.node.name)")
        }
        for node in layout.nodes {
            if let external = node.externalAddress { lines.append("\(external)\t\(node.node.name)-ext") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func networkConfig(_ node: NodeLayout, _ layout: InstanceLayout) -> String {
        var text = "version: 2\nethernets:\n"
        text += "  internal:\n    match:\n      macaddress: \"\(node.internalMAC)\"\n"
        text += "    addresses: [\"\(node.internalAddress)/\(layout.internalSubnet.prefixLength)\"]\n"
        text += "  external:\n    match:\n      macaddress: \"\(node.externalMAC)\"\n"
        if let address = node.externalAddress, let subnet = layout.externalSubnet {
            text += "    addresses: [\"\(address)/\(subnet.prefixLength)\"]\n"
            if layout.instance.external.mode == .nat {
                text += "    routes: [{to: default, via: \"\(InstanceLayout.gatewayAddress(subnet))\"}]\n"
            }
        } else {
            text += "    dhcp4: true\n"
        }
        return text
    }

    func userData(_ node: NodeLayout, _ accounts: [NodeSeed.Account]) -> String {
        var text = "#cloud-config\nhostname: \(node.node.name)\nusers:\n"
        for account in accounts {
            text += "  - name: \(account.name)\n    uid: \(account.uid)\n    homedir: \(account.home)\n    shell: \(account.shell)\n"
        }
        return text
    }

    func labSummary(_ layout: InstanceLayout) -> String {
        var lines = ["# The lab this node belongs to (written by vgrid up).",
                     "LAB=\(layout.labName)", "INSTANCE=\(layout.id)",
                     "INTERNAL_SUBNET=\(layout.internalSubnet)"]
        if let external = layout.externalSubnet { lines.append("EXTERNAL_SUBNET=\(external)") }
        lines.append("EXTERNAL_MODE=\(layout.instance.external.mode.rawValue)")
        lines.append("HEADNODES=\"\(layout.instance.headnodes.map(\.name).joined(separator: " "))\"")
        lines.append("WORKERNODES=\"\(layout.instance.workernodes.map(\.name).joined(separator: " "))\"")
        return lines.joined(separator: "\n") + "\n"
    }

    func motd(_ node: NodeLayout, _ layout: InstanceLayout) -> String {
        let role = node.node.role == .headnode ? "headnode" : "workernode"
        return """
            vgrid lab '\(layout.labName)'\(layout.instance.student.map { " (student \($0))" } ?? "")
            This is \(node.node.name), a \(role). Internal address \(node.internalAddress).
            Nodes: \(layout.nodes.map(\.node.name).joined(separator: ", ")). Lab facts: /etc/vgrid/lab.env

            """
    }
}
