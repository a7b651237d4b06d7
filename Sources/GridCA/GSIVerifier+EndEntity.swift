import Foundation
import SwiftASN1
import X509

extension GSIVerifier {
    /// Checks the end-entity certificate up to a trust anchor: names, signatures, validity, CA flags, CRLs.
    /// Returns the anchor.
    func checkEndEntity(_ endEntity: Certificate, intermediates: [Certificate], at time: Date) throws -> Certificate {
        var current = endEntity
        var caCertificatesAbove = 0
        while true {
            try checkValidity(current, at: time)
            let candidates = trust.anchors(named: current.issuer) + intermediates.filter { namesMatch($0.subject, current.issuer) }
            guard !candidates.isEmpty else {
                throw GridCAError(
                    .untrustedIssuer, "the issuer \(current.issuer.globusOneLine) of \(current.subject.globusOneLine) is not a trusted CA",
                    hint: "install the CA certificate as <hash>.0 in X509_CERT_DIR (/etc/grid-security/certificates)")
            }
            guard let issuer = candidates.first(where: { $0.publicKey.isValidSignature(current.signature, for: current) }) else {
                throw GridCAError(
                    .signatureInvalid, "the signature on \(current.subject.globusOneLine) does not verify with the key of \(current.issuer.globusOneLine)",
                    hint: "the certificate was signed by another CA of the same name, or altered; reissue it")
            }
            try checkIsCA(issuer, caCertificatesBelow: caCertificatesAbove)
            try checkRevocation(current, issuer: issuer, at: time)
            if trust.anchors.contains(issuer) {
                try checkValidity(issuer, at: time)
                return issuer
            }
            caCertificatesAbove += 1
            guard caCertificatesAbove < maximumCADepth else {
                throw GridCAError(.caPathLengthExceeded, "the CA chain is longer than \(maximumCADepth)", hint: "shorten the chain of intermediates")
            }
            current = issuer
        }
    }

    func checkValidity(_ certificate: Certificate, at time: Date) throws {
        let name = certificate.subject.globusOneLine
        if time < certificate.notValidBefore {
            throw GridCAError(
                .certificateNotYetValid, "the certificate \(name) is not valid until \(certificate.notValidBefore)",
                hint: "check the clock, or wait until the certificate becomes valid")
        }
        if time > certificate.notValidAfter {
            throw GridCAError(
                .certificateExpired, "the certificate \(name) expired at \(certificate.notValidAfter)",
                hint: "renew it from the lab CA (vgrid ca renew) and install the new certificate")
        }
    }

    /// The issuer must be a CA allowed to sign certificates, and its path length must allow the CAs below it.
    func checkIsCA(_ issuer: Certificate, caCertificatesBelow: Int) throws {
        let name = issuer.subject.globusOneLine
        guard case .isCertificateAuthority(let maxPathLength) = try? issuer.extensions.basicConstraints else {
            throw GridCAError(.issuerNotCA, "\(name) signed a certificate but is not a CA (no basicConstraints CA:TRUE)", hint: "certificates must be issued by the lab CA")
        }
        if let usage = try? issuer.extensions.keyUsage, !usage.keyCertSign {
            throw GridCAError(.issuerNotCA, "\(name) lacks keyUsage keyCertSign", hint: "use a CA certificate with keyCertSign")
        }
        if let maxPathLength, caCertificatesBelow > maxPathLength {
            throw GridCAError(
                .caPathLengthExceeded, "\(name) allows \(maxPathLength) intermediate CAs below it, found \(caCertificatesBelow)",
                hint: "issue certificates from a CA whose path length allows them")
        }
    }

    /// Consults every CRL from `issuer`; a missing CRL is accepted (as Globus does), a bad one is not.
    func checkRevocation(_ certificate: Certificate, issuer: Certificate, at time: Date) throws {
        for crl in trust.crls(issuedBy: issuer.subject) {
            guard crl.isSignedBy(issuer.publicKey) else {
                throw GridCAError(
                    .crlSignatureInvalid, "the CRL of \(issuer.subject.globusOneLine) is not signed by that CA",
                    hint: "replace <hash>.r0 with the CRL published by the CA")
            }
            if let nextUpdate = crl.nextUpdate, time > nextUpdate {
                throw GridCAError(
                    .crlExpired, "the CRL of \(issuer.subject.globusOneLine) expired at \(nextUpdate)",
                    hint: "publish a fresh CRL from the CA (vgrid ca crl) and install it as <hash>.r0")
            }
            if crl.isRevoked(serial: certificate.serialNumber) {
                throw GridCAError(
                    .certificateRevoked, "the certificate \(certificate.subject.globusOneLine) (serial \(certificate.serialNumber)) has been revoked",
                    hint: "ask the lab administrator for a new certificate")
            }
        }
    }
}
