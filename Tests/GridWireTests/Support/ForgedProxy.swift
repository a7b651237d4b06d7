import Foundation
import GridCA
import SwiftASN1
import X509
import _CryptoExtras

/// Builds proxies the library would never make, to check that the server refuses them.
enum ForgedProxy {
    static let key: _RSA.Signing.PrivateKey = try! PrivateKeyPEM.generate(bits: 2048)

    /// A proxy named after `issuer` but signed with `signer` (not the issuer's key).
    static func make(issuer: GridCredential, signer: _RSA.Signing.PrivateKey) throws -> GridCredential {
        var extensions = Certificate.Extensions()
        let info = ProxyCertInfo()
        try extensions.append(Certificate.Extension(oid: ProxyCertInfo.oid, critical: true, value: info.derBytes[...]))
        try extensions.append(Certificate.Extension(KeyUsage(digitalSignature: true, keyEncipherment: true), critical: true))
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(4242), publicKey: .init(key.publicKey),
            notValidBefore: Date() - 300, notValidAfter: Date() + 3600, issuer: issuer.certificate.subject,
            subject: issuer.certificate.subject.appending(commonName: "4242"),
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: extensions, issuerPrivateKey: .init(signer))
        return try GridCredential(certificate: certificate, privateKey: key, chain: [issuer.certificate] + issuer.chain)
    }
}
