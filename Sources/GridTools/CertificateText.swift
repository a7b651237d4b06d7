import Foundation
import GridCA
import SwiftASN1
import X509
import _CryptoExtras

/// A readable summary of a certificate in the layout of `openssl x509 -text` (without the key and signature bytes).
public enum CertificateText {
    /// The summary, each line ending in a newline.
    public static func describe(_ certificate: Certificate) -> String {
        var lines = [
            "Certificate:",
            "    Data:",
            "        Version: 3 (0x2)",
            "        Serial Number: \(serialHex(certificate))",
            "        Signature Algorithm: \(String(describing: certificate.signatureAlgorithm).replacingOccurrences(of: "SignatureAlgorithm.", with: ""))",
            "        Issuer: \(opensslName(certificate.issuer))",
            "        Validity",
            "            Not Before: \(GlobusTime.openssl(certificate.notValidBefore))",
            "            Not After : \(GlobusTime.openssl(certificate.notValidAfter))",
            "        Subject: \(opensslName(certificate.subject))",
            "        Subject Public Key Info:",
            "            Public Key Algorithm: rsaEncryption",
        ]
        if let bits = publicKeyBits(certificate) { lines.append("                Public-Key: (\(bits) bit)") }
        if certificate.extensions.count > 0 {
            lines.append("        X509v3 extensions:")
            for ext in certificate.extensions {
                lines.append("            \(extensionName(ext.oid)):\(ext.critical ? " critical" : "")")
                lines.append("                \(extensionValue(ext))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The serial number in upper-case hex, as `openssl x509 -serial` prints it.
    public static func serialHex(_ certificate: Certificate) -> String {
        let hex = certificate.serialNumber.bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return hex.isEmpty ? "00" : hex
    }

    /// The RSA modulus size of the certificate's key.
    public static func publicKeyBits(_ certificate: Certificate) -> Int? {
        _RSA.Signing.PublicKey(certificate.publicKey)?.keySizeInBits
    }

    /// `O = Grid, OU = x, CN = y`, OpenSSL's default name form.
    static func opensslName(_ name: DistinguishedName) -> String {
        name.map { rdn in
            rdn.map { attribute in
                let text = String(describing: attribute)
                guard let equals = text.firstIndex(of: "=") else { return text }
                return text[..<equals] + " = " + text[text.index(after: equals)...]
            }.joined(separator: " + ")
        }.joined(separator: ", ")
    }

    static func extensionName(_ oid: ASN1ObjectIdentifier) -> String {
        switch oid {
        case .X509ExtensionID.basicConstraints: return "X509v3 Basic Constraints"
        case .X509ExtensionID.keyUsage: return "X509v3 Key Usage"
        case .X509ExtensionID.extendedKeyUsage: return "X509v3 Extended Key Usage"
        case .X509ExtensionID.subjectAlternativeName: return "X509v3 Subject Alternative Name"
        case .X509ExtensionID.subjectKeyIdentifier: return "X509v3 Subject Key Identifier"
        case .X509ExtensionID.authorityKeyIdentifier: return "X509v3 Authority Key Identifier"
        case ProxyCertInfo.oid: return "Proxy Certificate Information"
        default: return oid.description
        }
    }

    static func extensionValue(_ ext: Certificate.Extension) -> String {
        if ext.oid == ProxyCertInfo.oid, let info = try? ProxyCertInfo(derBytes: ext.value) {
            let length = info.pathLengthConstraint.map { "Path Length Constraint: \($0), " } ?? "Path Length Constraint: infinite, "
            return length + "Policy Language: \(info.policy.language) (\(info.policy))"
        }
        if let identifier = try? SubjectKeyIdentifier(ext) { return hex(identifier.keyIdentifier) }
        if let authority = try? AuthorityKeyIdentifier(ext), let identifier = authority.keyIdentifier { return hex(identifier) }
        if let usage = try? KeyUsage(ext) { return String(describing: usage) }
        if let constraints = try? BasicConstraints(ext) { return String(describing: constraints) }
        if let usage = try? ExtendedKeyUsage(ext) { return String(describing: usage) }
        if let names = try? SubjectAlternativeNames(ext) { return String(describing: names) }
        return hex(ext.value)
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }
}
