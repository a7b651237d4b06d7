import Crypto
import Foundation
import LabModel

/// The SSH keys of one `up`: each node's host key and each account's key pair, by
/// `<instance>/<node>` and `<instance>/<user>`.
public struct StudentAccessKeys: Sendable {
    public struct HostKey: Sendable, Equatable {
        /// Dropbear's own private key format (`dropbearkey -t ed25519`).
        public var privateKey: [UInt8]
        /// `ssh-ed25519 AAAA...` (type and key, no comment).
        public var publicKey: String
    }

    public struct UserKey: Sendable, Equatable {
        /// The OpenSSH private key on the host (never in a seed).
        public var privateKeyPath: String
        /// `ssh-ed25519 AAAA... user@instance`, the line for `authorized_keys`.
        public var publicKey: String
    }

    public var hosts: [String: HostKey]
    public var users: [String: UserKey]

    public init(hosts: [String: HostKey], users: [String: UserKey]) {
        self.hosts = hosts
        self.users = users
    }

    public static func key(_ instance: String, _ name: String) -> String { "\(instance)/\(name)" }
}

/// What `vgrid ssh` needs to know about a lab without its lab file: every instance's nodes with
/// their addresses and its accounts, as the last `up` made them (`access.json`).
public struct AccessManifest: Codable, Sendable, Equatable {
    public struct Node: Codable, Sendable, Equatable {
        public var name: String
        public var domain: String
        public var role: String
        public var internalAddress: String
        public var externalAddress: String?
    }

    public struct Account: Codable, Sendable, Equatable {
        public var name: String
        public var admin: Bool
    }

    public struct Instance: Codable, Sendable, Equatable {
        public var id: String
        public var student: String?
        public var nodes: [Node]
        public var users: [Account]
        public var internalSubnet: String
        public var externalSubnet: String?
        public var externalMode: String

        public func node(named name: String) -> Node? { nodes.first { $0.name == name || $0.domain == name } }

        /// Who `vgrid ssh` logs in as by default: the student of a course copy, else the first
        /// account that is not an administrator, else the first account.
        public var defaultUser: String? {
            student ?? users.first(where: { !$0.admin })?.name ?? users.first?.name
        }
    }

    public var lab: String
    public var instances: [Instance]

    public init(lab: String, instances: [Instance]) {
        self.lab = lab
        self.instances = instances
    }

    public init(lab: String, layouts: [InstanceLayout]) {
        self.lab = lab
        instances = layouts.map { layout in
            Instance(id: layout.id, student: layout.instance.student,
                     nodes: layout.nodes.map { Node(name: $0.node.name, domain: $0.domainName, role: $0.node.role.rawValue,
                                                    internalAddress: $0.internalAddress, externalAddress: $0.externalAddress) },
                     users: layout.instance.users.map { Account(name: $0.name, admin: $0.admin) },
                     internalSubnet: layout.internalSubnet.description, externalSubnet: layout.externalSubnet?.description,
                     externalMode: layout.instance.external.mode.rawValue)
        }
    }
}

/// One access sheet `up` wrote.
public struct AccessSheetSummary: Sendable, Codable, Equatable {
    public var instance: String
    public var user: String
    public var path: String
}

/// Keeps a lab's SSH material under `<state>/access/<lab>` (beside the lab CA, and removed with
/// it by `down`), generating only what is missing, so a node that gets a fresh disk keeps its
/// host key and every account keeps its key pair:
///
///     access.json                               the manifest `vgrid ssh` reads
///     known_hosts                               every node's host key, by domain name and address
///     <instance>/nodes/<node>/dropbear_ed25519_host_key      0600, installed through the seed
///     <instance>/nodes/<node>/ssh_host_ed25519_key.pub
///     <instance>/users/<user>/id_ed25519        0600, never leaves the host unless handed out
///     <instance>/users/<user>/id_ed25519.pub    installed as ~/.ssh/authorized_keys
///     <instance>/users/<user>/access-sheet.txt  0600
public struct StudentAccessStore: Sendable {
    public let root: URL
    public let labName: String

    public init(root: URL, labName: String) {
        self.root = root
        self.labName = labName
    }

    public init(lab: String, state: StateStore = StateStore()) {
        self.init(root: URL(fileURLWithPath: state.accessDirectory(lab: lab)), labName: lab)
    }

    public static let hostKeyFile = "dropbear_ed25519_host_key"
    public static let hostPublicKeyFile = "ssh_host_ed25519_key.pub"
    public static let userKeyFile = "id_ed25519"
    public static let sheetFile = "access-sheet.txt"
    /// Where the node's host key goes in the guest (the path the sshd service names).
    public static let guestHostKeyPath = "/etc/dropbear/dropbear_ed25519_host_key"

    func nodeURL(_ instance: String, _ node: String) -> URL { root.appendingPathComponent("\(instance)/nodes/\(node)") }
    public func userURL(_ instance: String, _ user: String) -> URL { root.appendingPathComponent("\(instance)/users/\(user)") }
    public func privateKeyPath(_ instance: String, _ user: String) -> String {
        userURL(instance, user).appendingPathComponent(Self.userKeyFile).path
    }
    public func sheetPath(_ instance: String, _ user: String) -> String {
        userURL(instance, user).appendingPathComponent(Self.sheetFile).path
    }
    public var knownHostsPath: String { root.appendingPathComponent("known_hosts").path }
    public var manifestPath: String { root.appendingPathComponent("access.json").path }

    // MARK: - Keys

    /// Nodes (`instance/node`) and accounts (`instance/user`) that have no key yet.
    public func missingKeys(for instances: [LabInstance]) -> [String] {
        var missing: [String] = []
        for instance in instances {
            missing += instance.nodes.filter { !fileExists(nodeURL(instance.id, $0.name).appendingPathComponent(Self.hostPublicKeyFile)) }
                .map { "\(instance.id)/\($0.name)" }
            missing += instance.users.filter { !fileExists(userURL(instance.id, $0.name).appendingPathComponent(Self.userKeyFile + ".pub")) }
                .map { "\(instance.id)/\($0.name)" }
        }
        return missing
    }

    /// Generates the keys `instances` lack (a host key per node with dropbearkey, an ed25519 key
    /// pair per account with ssh-keygen) and reads them all. With `readOnly` (for `plan`) nothing
    /// is generated; every key must exist.
    public func prepare(_ instances: [LabInstance], readOnly: Bool = false) throws -> StudentAccessKeys {
        if !readOnly {
            // One key generator per core at a time: a course has a key per node and per account.
            enum KeyJob: Sendable { case host(String, String), user(String, String) }
            let jobs: [KeyJob] = instances.flatMap { instance in
                instance.nodes.map { KeyJob.host(instance.id, $0.name) } + instance.users.map { KeyJob.user(instance.id, $0.name) }
            }
            let results = boundedParallelMap(jobs, limit: ProcessInfo.processInfo.activeProcessorCount) { [self] job in
                switch job {
                case let .host(instance, node): try ensureHostKey(instance, node)
                case let .user(instance, user): try ensureUserKey(instance, user)
                }
            }
            for result in results { try result.get() }
        }
        var keys = StudentAccessKeys(hosts: [:], users: [:])
        for instance in instances {
            for node in instance.nodes {
                let dir = nodeURL(instance.id, node.name)
                let publicKey = try readText(dir.appendingPathComponent(Self.hostPublicKeyFile))
                keys.hosts[StudentAccessKeys.key(instance.id, node.name)] = .init(
                    privateKey: try readBytes(dir.appendingPathComponent(Self.hostKeyFile)),
                    publicKey: Self.keyTypeAndBlob(publicKey))
            }
            for user in instance.users {
                let dir = userURL(instance.id, user.name)
                keys.users[StudentAccessKeys.key(instance.id, user.name)] = .init(
                    privateKeyPath: dir.appendingPathComponent(Self.userKeyFile).path,
                    publicKey: try readText(dir.appendingPathComponent(Self.userKeyFile + ".pub"))
                        .trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return keys
    }

    private func ensureHostKey(_ instance: String, _ node: String) throws {
        let dir = nodeURL(instance, node)
        let privateURL = dir.appendingPathComponent(Self.hostKeyFile)
        let publicURL = dir.appendingPathComponent(Self.hostPublicKeyFile)
        if fileExists(publicURL) && fileExists(privateURL) { return }
        try makeDirectory(dir)
        if !fileExists(privateURL) {
            let tmp = privateURL.appendingPathExtension("tmp")
            try? FileManager.default.removeItem(at: tmp)
            let made = try Self.tool("dropbearkey", ["-t", "ed25519", "-f", tmp.path], package: "dropbear-bin")
            guard made.status == 0 else {
                throw ProvisioningError(.io, "dropbearkey could not make the host key of \(instance)-\(node): \(made.stderr)")
            }
            try setMode(tmp, 0o600)
            try move(tmp, privateURL)
        }
        let shown = try Self.tool("dropbearkey", ["-y", "-f", privateURL.path], package: "dropbear-bin")
        guard shown.status == 0, let line = shown.stdout.split(separator: "\n").first(where: { $0.hasPrefix("ssh-ed25519 ") }) else {
            throw ProvisioningError(.io, "dropbearkey could not read the host key \(privateURL.path): \(shown.stderr)",
                                    hint: "remove it; the next `vgrid up` makes a new one (students then see a changed host key)")
        }
        // The public key last: its presence marks the pair complete.
        try writeFile(Array((Self.keyTypeAndBlob(String(line)) + " \(node).\(instance).grid\n").utf8), publicURL, mode: 0o644)
    }

    private func ensureUserKey(_ instance: String, _ user: String) throws {
        let dir = userURL(instance, user)
        let privateURL = dir.appendingPathComponent(Self.userKeyFile)
        let publicURL = dir.appendingPathComponent(Self.userKeyFile + ".pub")
        if fileExists(publicURL) && fileExists(privateURL) { return }
        try makeDirectory(dir)
        // ssh-keygen writes KEY and KEY.pub; make them aside and move them in, private key first.
        let scratch = dir.appendingPathComponent(".keygen")
        try? FileManager.default.removeItem(at: scratch)
        try makeDirectory(scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tmp = scratch.appendingPathComponent(Self.userKeyFile)
        let made = try Self.tool("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "\(user)@\(instance)", "-f", tmp.path],
                                 package: "openssh-client")
        guard made.status == 0 else {
            throw ProvisioningError(.io, "ssh-keygen could not make the key of \(user) in \(instance): \(made.stderr)")
        }
        try setMode(tmp, 0o600)
        try move(tmp, privateURL)
        try setMode(tmp.appendingPathExtension("pub"), 0o644)
        try move(tmp.appendingPathExtension("pub"), publicURL)
    }

    // MARK: - What `vgrid ssh` and the students read

    /// `known_hosts` for every node of `layouts`: the domain name (what `vgrid ssh` checks, with
    /// HostKeyAlias) and the node's addresses (for plain ssh inside the lab host's namespace).
    public func knownHosts(_ layouts: [InstanceLayout], keys: StudentAccessKeys) -> String {
        var text = "# Host keys of lab '\(labName)', written by vgrid up (vgrid ssh checks nodes against them).\n"
        for layout in layouts {
            for node in layout.nodes {
                guard let key = keys.hosts[StudentAccessKeys.key(layout.id, node.node.name)] else { continue }
                let names = [node.domainName, node.externalAddress, node.internalAddress].compactMap { $0 }
                text += "\(names.joined(separator: ",")) \(key.publicKey)\n"
            }
        }
        return text
    }

    /// known_hosts lines for the manifest's nodes, from the public keys kept here (for `vgrid ssh`
    /// when the file is missing or lacks a node).
    public func knownHosts(_ manifest: AccessManifest) throws -> String {
        var text = "# Host keys of lab '\(labName)', written by vgrid (vgrid ssh checks nodes against them).\n"
        for instance in manifest.instances {
            for node in instance.nodes {
                let key = try readText(nodeURL(instance.id, node.name).appendingPathComponent(Self.hostPublicKeyFile))
                let names = [node.domain, node.externalAddress, node.internalAddress].compactMap { $0 }
                text += "\(names.joined(separator: ",")) \(Self.keyTypeAndBlob(key))\n"
            }
        }
        return text
    }

    /// Writes access.json, known_hosts and one access sheet per account of every instance.
    public func writeAccessFiles(_ layouts: [InstanceLayout], keys: StudentAccessKeys,
                                 credentials: LabCredentials?) throws -> [AccessSheetSummary] {
        try makeDirectory(root)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeFile(Array(try encoder.encode(AccessManifest(lab: labName, layouts: layouts))), URL(fileURLWithPath: manifestPath), mode: 0o644)
        try writeFile(Array(knownHosts(layouts, keys: keys).utf8), URL(fileURLWithPath: knownHostsPath), mode: 0o644)
        var sheets: [AccessSheetSummary] = []
        for layout in layouts {
            for user in layout.instance.users {
                guard let key = keys.users[StudentAccessKeys.key(layout.id, user.name)] else { continue }
                let path = sheetPath(layout.id, user.name)
                let text = AccessSheet(labName: labName, layout: layout, user: user.name, key: key, keys: keys,
                                       credential: credentials?.users[user.name]).text
                try writeFile(Array(text.utf8), URL(fileURLWithPath: path), mode: 0o600)
                sheets.append(.init(instance: layout.id, user: user.name, path: path))
            }
        }
        return sheets
    }

    /// The manifest of the last `up`, if there was one on this host.
    public func loadManifest() -> AccessManifest? {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return nil }
        return try? JSONDecoder().decode(AccessManifest.self, from: data)
    }

    /// Makes sure known_hosts names every node of the manifest (an existing line is never
    /// changed: a key that does not match must make ssh refuse, not be "repaired").
    public func ensureKnownHosts(_ manifest: AccessManifest) throws {
        let existing = (try? String(contentsOfFile: knownHostsPath, encoding: .utf8)) ?? ""
        let named = Set(existing.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix("#"), let names = line.split(separator: " ").first else { return nil }
            return names.split(separator: ",").first.map(String.init)
        })
        let wanted = manifest.instances.flatMap { $0.nodes.map(\.domain) }
        if wanted.allSatisfy(named.contains) { return }
        var text = existing.isEmpty || existing.hasSuffix("\n") ? existing : existing + "\n"
        if text.isEmpty { text = "# Host keys of lab '\(labName)', written by vgrid (vgrid ssh checks nodes against them).\n" }
        for line in try knownHosts(manifest).split(separator: "\n") where !line.hasPrefix("#") {
            if let alias = line.split(separator: ",").first, !named.contains(String(alias)) { text += line + "\n" }
        }
        try writeFile(Array(text.utf8), URL(fileURLWithPath: knownHostsPath), mode: 0o644)
    }

    // MARK: - Helpers

    /// `ssh-ed25519 AAAA...` from a public key line (drops the comment).
    static func keyTypeAndBlob(_ line: String) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).prefix(2).joined(separator: " ")
    }

    /// OpenSSH's fingerprint of a public key line: `SHA256:` + unpadded base64 of the blob's digest.
    public static func fingerprint(_ line: String) -> String? {
        let fields = line.split(separator: " ")
        guard fields.count >= 2, let blob = Data(base64Encoded: String(fields[1])) else { return nil }
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    static func tool(_ program: String, _ arguments: [String], package: String) throws -> Command.Result {
        do {
            return try Command.run(program, arguments)
        } catch let error as ProvisioningError {
            throw ProvisioningError(.toolMissing, "cannot run \(program): \(error.message)",
                                    hint: "install it with: apt-get install \(package) (scripts/install-deps.sh does)")
        }
    }

    private func fileExists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    private func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ProvisioningError(.io, "cannot create \(url.path): \(error.localizedDescription)",
                                    hint: "check that \(root.deletingLastPathComponent().path) is writable (vgrid runs as root)")
        }
    }

    private func setMode(_ url: URL, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    private func move(_ from: URL, _ to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw ProvisioningError(.io, "cannot write \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    private func writeFile(_ bytes: [UInt8], _ url: URL, mode: Int) throws {
        let tmp = url.appendingPathExtension("tmp")
        do {
            try Data(bytes).write(to: tmp)
            try setMode(tmp, mode)
        } catch {
            throw ProvisioningError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
        try move(tmp, url)
    }

    private func readText(_ url: URL) throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw ProvisioningError(.io, "cannot read \(url.path): \(error.localizedDescription)",
                                    hint: "`vgrid up` makes the lab's SSH keys")
        }
    }

    private func readBytes(_ url: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ProvisioningError(.io, "cannot read \(url.path)", hint: "`vgrid up` makes the lab's SSH keys")
        }
        return Array(data)
    }
}
