import Foundation
import GridCA
import LabModel
import X509

/// The instructor's view of a lab's CA (`vgrid ca`): what it issued, revocation, renewal.
public struct LabCA {
    public struct Summary: Codable, Sendable {
        public var lab: String
        public var subject: String
        public var hash: String
        public var notAfter: Date
        public var directory: String
        public var issued: Int
        public var revoked: Int
        public var sheet: String
    }

    let store: LabCredentialStore

    public init(lab: Lab, state: StateStore = StateStore()) {
        store = LabCredentialStore(root: URL(fileURLWithPath: state.caDirectory(lab: lab.name)), lab: lab)
    }

    /// `<state>/ca/<lab>`: the CA, what it issued, the instructor's sheet.
    public var directory: String { store.root.path }
    /// Whether the lab has a CA on this host yet (`up` creates it).
    public var exists: Bool { store.exists }
    /// Whether the CA's private key is here (a lab imported without it can issue nothing).
    public var hasPrivateKey: Bool { store.hasPrivateKey }

    /// Hosts (`instance/node`) and accounts of `instances` the CA has not issued credentials for.
    public func missingCredentials(for instances: [LabInstance]) -> [String] {
        store.missingCredentials(for: instances)
    }

    func open() throws -> CAStore {
        guard store.exists else {
            throw ProvisioningError(.labNotFound, "lab '\(store.lab.name)' has no CA yet",
                                    hint: "`vgrid up \(store.lab.sourcePath)` creates it")
        }
        guard store.hasPrivateKey else {
            throw ProvisioningError(.io, "lab '\(store.lab.name)' was imported without its CA's private key, so its CA cannot be managed here",
                                    hint: "export the lab again with --include-ca-key (the issued credentials work without it)")
        }
        return try wrap { try CAStore.open(at: store.caURL) }
    }

    public func summary() throws -> Summary {
        let ca = try open()
        let records = ca.list()
        return Summary(lab: store.lab.name, subject: ca.ca.subjectOneLine, hash: ca.ca.subjectHash,
                       notAfter: ca.ca.certificate.notValidAfter, directory: store.root.path,
                       issued: records.count, revoked: records.filter { $0.status == .revoked }.count,
                       sheet: store.sheetURL.path)
    }

    public func records() throws -> [CertificateRecord] { try open().list() }

    /// Issues credentials for an account (kept for the next `up`, which installs them).
    public func issueUser(_ name: String) throws -> LabCredentials.UserCredential {
        _ = try open()
        var lab = store.lab
        for index in lab.instances.indices where !lab.instances[index].users.contains(where: { $0.name == name }) {
            lab.instances[index].users.append(User(name: name))
        }
        let credentials = try LabCredentialStore(root: store.root, lab: lab).prepare(lab.instances)
        guard let user = credentials.users[name] else {
            throw ProvisioningError(.io, "no credentials were issued for '\(name)'")
        }
        return user
    }

    /// Revokes by serial number or DN and publishes a new CRL.
    public func revoke(_ target: String) throws -> [CertificateRecord] {
        var ca = try open()
        return try wrap {
            if let serial = UInt64(target) { return [try ca.revoke(serial: serial)] }
            let revoked = try ca.revoke(subject: target)
            if revoked.isEmpty {
                throw ProvisioningError(.labNotFound, "no valid certificate has the DN '\(target)'",
                                        hint: "list them with: vgrid ca \(store.lab.sourcePath) list")
            }
            return revoked
        }
    }

    /// Re-issues a certificate (same DN, same key, new validity) and keeps it for the next `up`.
    public func renew(_ target: String) throws -> CertificateRecord {
        var ca = try open()
        let records = ca.list().filter { $0.status == .valid }
        guard let old = UInt64(target).flatMap({ serial in records.first { $0.serial == serial } })
                ?? records.last(where: { $0.subject.caseInsensitiveCompare(target) == .orderedSame }) else {
            throw ProvisioningError(.labNotFound, "no valid certificate matches '\(target)'",
                                    hint: "list them with: vgrid ca \(store.lab.sourcePath) list")
        }
        let renewed = try wrap { try ca.renew(serial: old.serial) }
        try store.replaceCertificate(subject: old.subject, kind: old.kind, pem: PEM.certificate(renewed))
        return ca.list().last { $0.subject == old.subject && $0.status == .valid } ?? old
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GridCAError {
            throw ProvisioningError(.io, "lab CA of '\(store.lab.name)': \(error.message)", hint: error.hint)
        }
    }
}
