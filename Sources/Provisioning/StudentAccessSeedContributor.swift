import LabModel

/// Gives every node an SSH server for the lab's accounts: its own host key (kept on the host,
/// so a node with a fresh disk presents the same key), Dropbear started as the service `sshd`
/// (public-key logins only, no root logins), and each account's public key in
/// `~/.ssh/authorized_keys` (0600 in a 0700 `~/.ssh`, owned by the account).
struct StudentAccessSeedContributor: SeedContributor {
    static let serviceName = "sshd"
    /// Dropbear in the foreground (vgrid-service supervises it), logging to stderr
    /// (/var/log/vgrid/sshd.log), no password logins (-s), no root logins (-w).
    static let serviceCommand = "dropbear -F -E -s -w -r \(StudentAccessStore.guestHostKeyPath) -p 22"

    let keys: StudentAccessKeys

    func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws {
        if let host = keys.hosts[StudentAccessKeys.key(layout.id, node.node.name)] {
            seed.files.append(.init(path: StudentAccessStore.guestHostKeyPath, mode: 0o600, contents: host.privateKey))
            seed.services.append(.init(name: Self.serviceName, command: Self.serviceCommand))
        }
        for user in layout.instance.users {
            guard let key = keys.users[StudentAccessKeys.key(layout.id, user.name)] else { continue }
            let home = "/home/\(user.name)"
            seed.directories.append(.init(path: home + "/.ssh", mode: 0o700, owner: user.name, group: user.name))
            seed.files.append(.init(path: home + "/.ssh/authorized_keys", mode: 0o600, owner: user.name, group: user.name,
                                    text: key.publicKey + "\n"))
        }
    }
}
