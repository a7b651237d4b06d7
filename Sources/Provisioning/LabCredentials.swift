import Foundation
import GridCA
import LabModel
import X509

/// What the lab CA gave out for one `up`: trust files, host and user credentials, the
/// grid-mapfile. The CA's private key stays on the host (in `CAStore`), never in a seed.
public struct LabCredentials: Sendable {
    public struct Host: Sendable { public var certificate: String; public var key: String }
    public struct UserCredential: Sendable {
        public var name: String
        public var dn: String
        public var passphrase: String
        public var certificate: String
        public var encryptedKey: String
    }

    /// `<hash>.0`, `<hash>.signing_policy`, `<hash>.r0` by file name.
    public var trustFiles: [String: String]
    /// By `<instance>/<node>`.
    public var hosts: [String: Host]
    public var users: [String: UserCredential]
    public var gridMap: String
    public var caSubject: String
    /// The instructor's sheet: accounts, DNs and passphrases.
    public var sheetPath: String

    static func hostKey(_ instance: String, _ node: String) -> String { "\(instance)/\(node)" }
}

/// Keeps a lab's CA and everything it issued under `<state>/ca/<lab>`, issuing only what is
/// missing, so a second `up` gives every node the same bytes (and so reboots nothing).
struct LabCredentialStore {
    let root: URL
    let lab: Lab

    var caURL: URL { root.appendingPathComponent("ca") }
    func hostURL(_ instance: String, _ node: String) -> URL { root.appendingPathComponent("hosts/\(instance)/\(node)") }
    func userURL(_ name: String) -> URL { root.appendingPathComponent("users/\(name)") }
    var sheetURL: URL { root.appendingPathComponent("instructor-sheet.txt") }

    var exists: Bool { FileManager.default.fileExists(atPath: caURL.appendingPathComponent("index.json").path) }

    /// Whether every credential `layouts` need was issued already (`plan` issues nothing).
    func isComplete(for instances: [LabInstance]) -> Bool {
        exists && missingCredentials(for: instances).isEmpty
    }

    /// Hosts (`instance/node`) and accounts that have no credentials yet.
    func missingCredentials(for instances: [LabInstance]) -> [String] {
        var missing: [String] = []
        for instance in instances {
            missing += instance.nodes.filter { !exists(hostURL(instance.id, $0.name)) }.map { "\(instance.id)/\($0.name)" }
            missing += instance.users.filter { !exists(userURL($0.name)) }.map(\.name)
        }
        var seen = Set<String>()
        return missing.filter { seen.insert($0).inserted }
    }

    /// Whether the CA's private key is on this host (a bundle may come without it).
    var hasPrivateKey: Bool { FileManager.default.fileExists(atPath: caURL.appendingPathComponent("private/cakey.pem").path) }

    /// Opens (or creates) the CA and issues what `instances` need that was not issued yet.
    /// With `readOnly` (for `plan`) nothing on disk changes; every credential must exist.
    func prepare(_ instances: [LabInstance], readOnly: Bool = false) throws -> LabCredentials {
        do {
            return try prepareUnchecked(instances, readOnly: readOnly)
        } catch let error as GridCAError {
            throw ProvisioningError(.io, "lab CA of '\(lab.name)' (\(root.path)): \(error.message)", hint: error.hint)
        }
    }

    private func prepareUnchecked(_ instances: [LabInstance], readOnly: Bool) throws -> LabCredentials {
        let days: (Int) -> TimeInterval = { TimeInterval($0) * 86_400 }
        var store: CAStore
        if exists && !hasPrivateKey {
            // A lab imported from a bundle without the CA key: it can use what was issued, not issue more.
            let missing = missingCredentials(for: instances)
            guard missing.isEmpty else {
                throw ProvisioningError(.io, "the lab CA of '\(lab.name)' has no private key on this host, so it cannot issue certificates for \(missing.joined(separator: ", "))",
                                        hint: "the lab was imported without its CA key: remove what the lab file added since, or export it again with --include-ca-key")
            }
            return try assemble(instances, readOnly: readOnly)
        }
        if exists {
            store = try CAStore.open(at: caURL)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            store = try CAStore.create(at: caURL, subject: lab.ca.subject ?? CertificateAuthority.defaultSubject(lab: lab.name),
                                       lifetime: days(lab.ca.caLifetimeDays), keyBits: lab.ca.keyBits)
        }

        // Host certificates: CN=host/<node>.<instance>.grid, with the short name as well.
        var missingHosts: [(String, String, [String])] = []
        for instance in instances {
            for node in instance.nodes where !exists(hostURL(instance.id, node.name)) {
                missingHosts.append((instance.id, node.name, ["\(node.name).\(instance.id).grid", node.name]))
            }
        }
        if !missingHosts.isEmpty {
            let issued = try store.issueHosts(missingHosts.map(\.2), lifetime: days(lab.ca.certLifetimeDays), keyBits: lab.ca.keyBits)
            for ((instance, node, _), credential) in zip(missingHosts, issued) {
                try write(credential.certificatePEM, credential.keyPEM, to: hostURL(instance, node), names: ("hostcert.pem", "hostkey.pem"))
            }
        }

        // User certificates: one per account name across the whole lab (a course's teacher
        // has one identity in every student's copy).
        var accounts: [String: User] = [:]
        for instance in instances { for user in instance.users { accounts[user.name] = user } }
        let missingUsers = accounts.keys.sorted().filter { !exists(userURL($0)) }
        if !missingUsers.isEmpty {
            let base = try lab.ca.userDNBase.map { try DistinguishedName(globusOneLine: $0) }
            let issued = try store.issueUsers(names: missingUsers, userBase: base,
                                              lifetime: days(lab.ca.certLifetimeDays), keyBits: lab.ca.keyBits)
            for (name, credential) in zip(missingUsers, issued) {
                let passphrase = accounts[name]?.passphrase ?? LabCredentialStore.generatePassphrase()
                let dir = userURL(name)
                try write(credential.certificatePEM, try credential.encryptedKeyPEM(passphrase: passphrase), to: dir,
                          names: ("usercert.pem", "userkey.pem"))
                try writeFile(passphrase + "\n", dir.appendingPathComponent("passphrase"), mode: 0o600)
                try writeFile(credential.subject + "\n", dir.appendingPathComponent("dn"), mode: 0o644)
            }
        }

        if !readOnly {
            let trustDir = root.appendingPathComponent("trust")
            try? FileManager.default.removeItem(at: trustDir)
            try store.installTrust(into: trustDir)
        }
        return try assemble(instances, readOnly: readOnly)
    }

    /// Reads what `instances` need from the files issued earlier (and writes the sheet).
    private func assemble(_ instances: [LabInstance], readOnly: Bool) throws -> LabCredentials {
        var accounts: [String: User] = [:]
        for instance in instances { for user in instance.users { accounts[user.name] = user } }
        let trustDir = root.appendingPathComponent("trust")
        var trust: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: trustDir.path) {
            trust[file] = try String(contentsOf: trustDir.appendingPathComponent(file), encoding: .utf8)
        }

        var hosts: [String: LabCredentials.Host] = [:]
        for instance in instances {
            for node in instance.nodes {
                let dir = hostURL(instance.id, node.name)
                hosts[LabCredentials.hostKey(instance.id, node.name)] = .init(
                    certificate: try read(dir, "hostcert.pem"), key: try read(dir, "hostkey.pem"))
            }
        }
        var users: [String: LabCredentials.UserCredential] = [:]
        for name in accounts.keys.sorted() {
            let dir = userURL(name)
            users[name] = .init(name: name, dn: try read(dir, "dn").trimmingCharacters(in: .whitespacesAndNewlines),
                                passphrase: try read(dir, "passphrase").trimmingCharacters(in: .newlines),
                                certificate: try read(dir, "usercert.pem"), encryptedKey: try read(dir, "userkey.pem"))
        }
        var gridMap = GridMapFile()
        for user in users.values.sorted(by: { $0.name < $1.name }) { gridMap.add(dn: user.dn, user: user.name) }
        let subject = lab.ca.subject ?? CertificateAuthority.defaultSubject(lab: lab.name)
        if !readOnly { try writeSheet(users) }
        return LabCredentials(trustFiles: trust, hosts: hosts, users: users,
                              gridMap: "# Grid identities of lab '\(lab.name)', written by vgrid up.\n" + gridMap.text,
                              caSubject: subject, sheetPath: sheetURL.path)
    }

    /// Swaps in a renewed certificate where the old one with `subject` is kept.
    func replaceCertificate(subject: String, kind: CertificateRecord.Kind, pem: String) throws {
        let fm = FileManager.default
        let base = root.appendingPathComponent(kind == .user ? "users" : "hosts")
        let files = fm.enumerator(atPath: base.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(kind == .user ? "usercert.pem" : "hostcert.pem") } ?? []
        for file in files {
            let url = base.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let certificate = try? PEM.certificates(in: text).first,
                  certificate.subject.globusOneLine == subject else { continue }
            try writeFile(pem, url, mode: 0o644)
        }
    }

    private func writeSheet(_ users: [String: LabCredentials.UserCredential]) throws {
        var text = "# vgrid lab '\(lab.name)': grid accounts. Keep this private: it holds passphrases.\n"
        text += "# Each account's certificate is in ~/.globus on the headnode; run grid-proxy-init there.\n\n"
        for user in users.values.sorted(by: { $0.name < $1.name }) {
            text += "account:    \(user.name)\nDN:         \(user.dn)\npassphrase: \(user.passphrase)\n\n"
        }
        try writeFile(text, sheetURL, mode: 0o600)
    }

    private func exists(_ dir: URL) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("hostcert.pem").path)
            || FileManager.default.fileExists(atPath: dir.appendingPathComponent("usercert.pem").path)
    }

    private func write(_ certificate: String, _ key: String, to dir: URL, names: (String, String)) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try writeFile(key, dir.appendingPathComponent(names.1), mode: 0o600)
        // The certificate last: its presence marks the pair complete.
        try writeFile(certificate, dir.appendingPathComponent(names.0), mode: 0o644)
    }

    private func writeFile(_ text: String, _ url: URL, mode: Int) throws {
        let tmp = url.appendingPathExtension("tmp")
        try Data(text.utf8).write(to: tmp)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: tmp.path)
        guard rename(tmp.path, url.path) == 0 else {
            throw ProvisioningError(.io, "cannot write \(url.path): \(String(cString: strerror(errno)))",
                                    underlying: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
    }

    private func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Twelve characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func generatePassphrase() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

/// Puts the lab CA's files where Globus keeps them, on every node.
struct CredentialSeedContributor: SeedContributor {
    let credentials: LabCredentials

    func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws {
        // The CRL and the grid-mapfile change while the lab runs (revocations, new users):
        // they are pushed to running nodes instead of rebooting them.
        for (name, text) in credentials.trustFiles.sorted(by: { $0.key < $1.key }) {
            let file = NodeSeed.File(path: "/etc/grid-security/certificates/\(name)", mode: 0o644, text: text)
            if name.hasSuffix(".r0") { seed.liveFiles.append(file) } else { seed.files.append(file) }
        }
        if let host = credentials.hosts[LabCredentials.hostKey(layout.id, node.node.name)] {
            seed.files.append(.init(path: "/etc/grid-security/hostcert.pem", mode: 0o644, text: host.certificate))
            seed.files.append(.init(path: "/etc/grid-security/hostkey.pem", mode: 0o400, text: host.key))
        }
        seed.liveFiles.append(.init(path: "/etc/grid-security/grid-mapfile", mode: 0o644, text: credentials.gridMap))
        // Users hold their certificate and encrypted key on the headnode, where they work.
        guard node.node.role == .headnode else { return }
        for user in layout.instance.users {
            guard let credential = credentials.users[user.name] else { continue }
            seed.files.append(.init(path: "/home/\(user.name)/.globus/usercert.pem", mode: 0o644,
                                    owner: user.name, group: user.name, text: credential.certificate))
            seed.files.append(.init(path: "/home/\(user.name)/.globus/userkey.pem", mode: 0o400,
                                    owner: user.name, group: user.name, text: credential.encryptedKey))
        }
    }
}
