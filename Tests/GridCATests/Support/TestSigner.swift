import Foundation
import GridCA
import SwiftASN1
import X509
import _CryptoExtras

/// Builds proxies the library would never make, to test that verifiers reject them.
enum TestSigner {
    static let spareKey: _RSA.Signing.PrivateKey = try! PrivateKeyPEM.generate(bits: 1024)

    static func proxy(
        issuer: GridCredential,
        signer: _RSA.Signing.PrivateKey? = nil,
        subject: DistinguishedName? = nil,
        info: ProxyCertInfo = ProxyCertInfo(),
        infoCritical: Bool = true,
        notBefore: Date = Date() - 300,
        notAfter: Date = Date() + 3600,
        extraExtensions: [Certificate.Extension] = []
    ) throws -> GridCredential {
        let key = spareKey
        var extensions = Certificate.Extensions()
        try extensions.append(Certificate.Extension(oid: ProxyCertInfo.oid, critical: infoCritical, value: info.derBytes[...]))
        for ext in extraExtensions { try extensions.append(ext) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(4242), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer.certificate.subject,
            subject: subject ?? issuer.certificate.subject.appending(commonName: "4242"),
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: extensions,
            issuerPrivateKey: .init(signer ?? issuer.privateKey))
        return try GridCredential(certificate: certificate, privateKey: key, chain: [issuer.certificate] + issuer.chain)
    }
}
