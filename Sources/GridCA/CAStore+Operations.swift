import Foundation
import X509

extension CAStore {
    /// Issues a user certificate `<base>/OU=local/CN=<name>` with a new key; the key is returned, not stored.
    public mutating func issueUser(
        name: String, userBase: DistinguishedName? = nil, lifetime: TimeInterval = CertificateAuthority.defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, now: Date = Date()
    ) throws -> GridCredential {
        let serial = index.nextSerial
        let credential = try ca.issueUser(name: name, serial: serial, userBase: userBase, lifetime: lifetime, keyBits: keyBits, now: now)
        try record(credential.certificate, kind: .user)
        return credential
    }

    /// Issues a host certificate `<base>/CN=host/<first name>` with a new key; the key is returned, not stored.
    public mutating func issueHost(
        dnsNames: [String], base: DistinguishedName? = nil, lifetime: TimeInterval = CertificateAuthority.defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, now: Date = Date()
    ) throws -> GridCredential {
        let serial = index.nextSerial
        let credential = try ca.issueHost(dnsNames: dnsNames, serial: serial, base: base, lifetime: lifetime, keyBits: keyBits, now: now)
        try record(credential.certificate, kind: .host)
        return credential
    }

    /// Renews a certificate: same subject, same public key (so the holder's key file keeps working), same
    /// extensions, a new serial and a new validity period. The old certificate is left valid until it expires.
    public mutating func renew(
        serial: UInt64, lifetime: TimeInterval = CertificateAuthority.defaultLifetime, now: Date = Date()
    ) throws -> Certificate {
        guard let old = index.certificates.first(where: { $0.serial == serial }) else {
            throw GridCAError(.certificateNotFound, "no certificate with serial \(serial) was issued by this CA", hint: "list the issued certificates (vgrid ca list)")
        }
        guard old.status == .valid else {
            throw GridCAError(.alreadyRevoked, "the certificate \(old.subject) (serial \(serial)) is revoked and cannot be renewed", hint: "issue a new certificate with a new key instead")
        }
        let previous = try certificate(serial: serial)
        let profile: CertificateProfile
        switch old.kind {
        case .user: profile = .user
        case .host:
            let names = (try? previous.extensions.subjectAlternativeNames)??.compactMap { name -> String? in
                if case .dnsName(let dns) = name { return dns }
                return nil
            } ?? []
            profile = .host(dnsNames: names)
        }
        let renewed = try ca.sign(
            publicKey: previous.publicKey, subject: previous.subject, profile: profile, serial: index.nextSerial,
            notBefore: now - 300, notAfter: now + lifetime)
        try record(renewed, kind: old.kind, renewalOf: serial)
        return renewed
    }

    /// Revokes one certificate by serial number and publishes a new CRL.
    @discardableResult
    public mutating func revoke(serial: UInt64, now: Date = Date()) throws -> CertificateRecord {
        guard let position = index.certificates.firstIndex(where: { $0.serial == serial }) else {
            throw GridCAError(.certificateNotFound, "no certificate with serial \(serial) was issued by this CA", hint: "list the issued certificates (vgrid ca list)")
        }
        guard index.certificates[position].status == .valid else {
            throw GridCAError(.alreadyRevoked, "the certificate with serial \(serial) is already revoked", hint: "nothing to do")
        }
        index.certificates[position].status = .revoked
        index.certificates[position].revocationDate = now
        try save()
        _ = try publishCRL(now: now)
        return index.certificates[position]
    }

    /// Revokes every valid certificate with this subject (case-insensitive one-line DN) and publishes a new CRL.
    @discardableResult
    public mutating func revoke(subject: String, now: Date = Date()) throws -> [CertificateRecord] {
        let serials = index.certificates.filter { $0.status == .valid && $0.subject.caseInsensitiveCompare(subject) == .orderedSame }.map(\.serial)
        guard !serials.isEmpty else {
            throw GridCAError(.certificateNotFound, "no valid certificate for \(subject) was issued by this CA", hint: "list the issued certificates (vgrid ca list)")
        }
        for serial in serials {
            let position = index.certificates.firstIndex { $0.serial == serial }!
            index.certificates[position].status = .revoked
            index.certificates[position].revocationDate = now
        }
        try save()
        _ = try publishCRL(now: now)
        return index.certificates.filter { serials.contains($0.serial) }
    }

    /// Signs a CRL listing every revoked certificate with the next cRLNumber, and writes `crl.pem`.
    @discardableResult
    public mutating func publishCRL(now: Date = Date()) throws -> RevocationList {
        let entries = index.certificates.compactMap { record -> RevocationList.Entry? in
            guard record.status == .revoked, let date = record.revocationDate else { return nil }
            return RevocationList.Entry(serial: record.serial, revocationDate: date)
        }
        let crl = try RevocationList.sign(by: ca, entries: entries, crlNumber: index.crlNumber + 1, thisUpdate: now - 300, nextUpdate: now + crlValidity)
        try FileIO.write(crl.pemString, to: crlURL, mode: 0o644)
        index.crlNumber += 1
        try save()
        return crl
    }

    mutating func record(_ certificate: Certificate, kind: CertificateRecord.Kind, renewalOf: UInt64? = nil) throws {
        let serial = index.nextSerial
        try FileIO.write(PEM.certificate(certificate), to: certificateURL(serial: serial), mode: 0o644)
        index.certificates.append(CertificateRecord(
            serial: serial, subject: certificate.subject.globusOneLine, kind: kind, notBefore: certificate.notValidBefore,
            notAfter: certificate.notValidAfter, status: .valid, revocationDate: nil, renewalOf: renewalOf))
        index.nextSerial += 1
        try save()
    }
}

extension CAStore {
    /// Issues user certificates for a whole class, generating the keys on all cores first; serials follow `names` order.
    public mutating func issueUsers(
        names: [String], userBase: DistinguishedName? = nil, lifetime: TimeInterval = CertificateAuthority.defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, now: Date = Date()
    ) throws -> [GridCredential] {
        let keys = try PrivateKeyPEM.generate(count: names.count, bits: keyBits)
        return try zip(names, keys).map { name, key in
            let credential = try ca.issueUser(name: name, serial: index.nextSerial, userBase: userBase, lifetime: lifetime, key: key, now: now)
            try record(credential.certificate, kind: .user)
            return credential
        }
    }

    /// Issues host certificates for several nodes (each given by its DNS names), keys generated on all cores first.
    public mutating func issueHosts(
        _ nodes: [[String]], base: DistinguishedName? = nil, lifetime: TimeInterval = CertificateAuthority.defaultLifetime,
        keyBits: Int = PrivateKeyPEM.defaultBits, now: Date = Date()
    ) throws -> [GridCredential] {
        let keys = try PrivateKeyPEM.generate(count: nodes.count, bits: keyBits)
        return try zip(nodes, keys).map { names, key in
            let credential = try ca.issueHost(dnsNames: names, serial: index.nextSerial, base: base, lifetime: lifetime, key: key, now: now)
            try record(credential.certificate, kind: .host)
            return credential
        }
    }
}
