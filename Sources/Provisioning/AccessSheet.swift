import LabModel

/// One account's access sheet (`<state>/access/<lab>/<instance>/users/<user>/access-sheet.txt`):
/// the lab copy, its nodes and addresses, how to connect, the account, the grid identity from
/// the instructor's sheet, and where the private key is. Plain text, for the instructor to hand out.
struct AccessSheet {
    var labName: String
    var layout: InstanceLayout
    var user: String
    var key: StudentAccessKeys.UserKey
    var keys: StudentAccessKeys
    var credential: LabCredentials.UserCredential?

    /// The `vgrid ssh` command line for this account on `node`.
    static func vgridSSH(lab: String, instance: LabInstance, node: String, user: String) -> String {
        var text = "vgrid ssh \(lab) \(node)"
        if let student = instance.student { text += " --student \(student)" }
        return text + " --user \(user)"
    }

    var text: String {
        let instance = layout.instance
        let head = layout.instance.headnodes.first?.name ?? layout.nodes.first?.node.name ?? "head"
        let headLayout = layout.node(named: head)
        var lines: [String] = []
        lines.append("# vgrid lab '\(labName)': access sheet for \(user). Keep it private: it names a private key and holds a passphrase.")
        lines.append("")
        lines.append("lab:        \(labName)")
        lines.append("instance:   \(layout.id)" + (instance.student.map { "  (the copy of student \($0))" } ?? ""))
        lines.append("account:    \(user)")
        lines.append("")

        var networks = "internal \(layout.internalSubnet)"
        switch instance.external.mode {
        case .bridge: networks += ", external: the host bridge \(instance.external.hostBridge ?? "?") (addresses by DHCP)"
        case .nat, .isolated: networks += ", external \(layout.externalSubnet.map(\.description) ?? "?") (\(instance.external.mode.rawValue))"
        }
        lines.append("Nodes (networks: \(networks)):")
        let width = max(layout.nodes.map(\.node.name.count).max() ?? 0, 4)
        for node in layout.nodes {
            let name = node.node.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let role = node.node.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            let internalAddress = node.internalAddress.padding(toLength: 15, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(role)  internal \(internalAddress)  external \(node.externalAddress ?? "by DHCP (see vgrid status)")")
        }
        lines.append("")

        lines.append("Connect (SSH, public key only; the account has no password):")
        lines.append("  on the lab host:      \(Self.vgridSSH(lab: labName, instance: instance, node: head, user: user))")
        lines.append("                        \(Self.vgridSSH(lab: labName, instance: instance, node: head, user: user)) -- gwps")
        if let address = headLayout?.externalAddress {
            lines.append("  from the lab's external network (\(layout.externalSubnet.map(\.description) ?? "the LAN")), with a copy of the private key:")
            lines.append("                        ssh -i id_ed25519 \(user)@\(address)")
        } else {
            lines.append("  from the lab's external network, with a copy of the private key:")
            lines.append("                        ssh -i id_ed25519 \(user)@ADDRESS   (the headnode's external address: vgrid status \(labName))")
        }
        lines.append("  private key:          \(key.privateKeyPath)  (mode 0600; give the student a copy)")
        lines.append("  public key:           \(key.publicKey)  (in ~/.ssh/authorized_keys on every node)")
        lines.append("  host keys (check them on first contact; lines for ~/.ssh/known_hosts):")
        for node in layout.nodes {
            guard let host = keys.hosts[StudentAccessKeys.key(layout.id, node.node.name)] else { continue }
            let fingerprint = StudentAccessStore.fingerprint(host.publicKey) ?? "?"
            lines.append("    \(node.node.name): \(fingerprint)")
        }
        for node in layout.nodes {
            guard let host = keys.hosts[StudentAccessKeys.key(layout.id, node.node.name)],
                  let address = node.externalAddress else { continue }
            lines.append("    \(address) \(host.publicKey)")
        }
        lines.append("")

        lines.append("Grid identity (certificate and encrypted key in ~/.globus on the headnode):")
        if let credential {
            lines.append("  DN:         \(credential.dn)")
            lines.append("  passphrase: \(credential.passphrase)")
        } else {
            lines.append("  (no certificate issued yet: vgrid up issues it)")
        }
        lines.append("")
        lines.append("On the headnode: grid-proxy-init (the passphrase above) makes a proxy; ~/examples holds job")
        lines.append("templates to submit (see ~/examples/README), ~/tutorials the course's tutorials.")
        return lines.joined(separator: "\n") + "\n"
    }
}
