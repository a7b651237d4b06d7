import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// An X.509 v2 CRL (RFC 5280 section 5), built and signed here or parsed from a `<hash>.r0` file.
public struct RevocationList: Sendable {
    /// One revoked certificate.
    public struct Entry: Sendable, Equatable {
        /// The certificate serial number (big-endian bytes without leading zeros).
        public var serial: [UInt8]
        /// When it was revoked.
        public var revocationDate: Date

        /// Creates an entry for a numeric serial.
        public init(serial: UInt64, revocationDate: Date) {
            self.serial = normalizedSerial(Certificate.SerialNumber(serial).bytes)
            self.revocationDate = revocationDate
        }

        init(serialBytes: [UInt8], revocationDate: Date) {
            self.serial = normalizedSerial(serialBytes)
            self.revocationDate = revocationDate
        }
    }

    /// The CRL issuer name.
    public let issuer: DistinguishedName
    /// When this CRL was issued.
    public let thisUpdate: Date
    /// When the next CRL is due; after it this one is stale.
    public let nextUpdate: Date?
    /// The revoked certificates.
    public let entries: [Entry]
    /// The cRLNumber extension, when present.
    public let crlNumber: Int?
    /// The complete DER.
    public let derBytes: [UInt8]
    let tbsBytes: ArraySlice<UInt8>
    let signatureAlgorithm: Certificate.SignatureAlgorithm?
    let signatureBytes: [UInt8]

    /// The CRL as PEM (`-----BEGIN X509 CRL-----`).
    public var pemString: String { PEMDocument(type: "X509 CRL", derBytes: derBytes).pemString + "\n" }

    /// Whether the certificate with this serial number is listed.
    public func isRevoked(serial: Certificate.SerialNumber) -> Bool {
        entries.contains { $0.serial == normalizedSerial(serial.bytes) }
    }

    /// Whether `issuerKey` signed this CRL.
    public func isSignedBy(_ issuerKey: Certificate.PublicKey) -> Bool {
        guard let signatureAlgorithm else { return false }
        return issuerKey.isValidSignature(signatureBytes, for: tbsBytes, signatureAlgorithm: signatureAlgorithm)
    }

    /// Reads a CRL from PEM text.
    public init(pem: String, location: String? = nil) throws {
        guard let block = try? PEMBlocks.parse(pem).first(where: { $0.discriminator == "X509 CRL" }) else {
            throw GridCAError(.invalidCRL, "no CRL PEM block was found", hint: "the file must contain -----BEGIN X509 CRL-----", location: location)
        }
        try self.init(der: block.derBytes, location: location)
    }
}

extension RevocationList {
    enum OID {
        static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
        static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
        static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 11]

        static func signatureAlgorithm(_ oid: ASN1ObjectIdentifier) -> Certificate.SignatureAlgorithm? {
            switch oid.oidComponents {
            case [1, 2, 840, 113_549, 1, 1, 5]: return .sha1WithRSAEncryption
            case [1, 2, 840, 113_549, 1, 1, 11]: return .sha256WithRSAEncryption
            case [1, 2, 840, 113_549, 1, 1, 12]: return .sha384WithRSAEncryption
            case [1, 2, 840, 113_549, 1, 1, 13]: return .sha512WithRSAEncryption
            default: return nil
            }
        }
    }

    /// Builds and signs a v2 CRL with cRLNumber and authorityKeyIdentifier, SHA-256 with RSA.
    public static func sign(
        by ca: CertificateAuthority, entries: [Entry], crlNumber: Int, thisUpdate: Date, nextUpdate: Date
    ) throws -> RevocationList {
        let caKeyID = (try? ca.certificate.extensions.subjectKeyIdentifier)?.keyIdentifier
        let tbs = try encodeDER { out in
            try out.appendConstructedNode(identifier: .sequence) { tbs in
                try tbs.serialize(1)  // v2
                try serializeAlgorithm(into: &tbs)
                try tbs.serialize(ca.certificate.subject)
                try serializeTime(thisUpdate, into: &tbs)
                try serializeTime(nextUpdate, into: &tbs)
                if !entries.isEmpty {
                    try tbs.appendConstructedNode(identifier: .sequence) { list in
                        for entry in entries {
                            try list.appendConstructedNode(identifier: .sequence) { item in
                                try item.serialize(ArraySlice(entry.serial))
                                try serializeTime(entry.revocationDate, into: &item)
                            }
                        }
                    }
                }
                try tbs.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { explicit in
                    try explicit.appendConstructedNode(identifier: .sequence) { extensions in
                        if let caKeyID {
                            try serializeExtension(OID.authorityKeyIdentifier, into: &extensions) {
                                $0.appendConstructedNode(identifier: .sequence) { aki in
                                    aki.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { $0 += caKeyID }
                                }
                            }
                        }
                        try serializeExtension(OID.crlNumber, into: &extensions) { try $0.serialize(crlNumber) }
                    }
                }
            }
        }
        let signature = try CertificateAuthority.signing {
            try ca.privateKey.signature(for: SHA256.hash(data: tbs), padding: .insecurePKCS1v1_5)
        }
        let der = try encodeDER { out in
            try out.appendConstructedNode(identifier: .sequence) { list in
                list.serializeRawBytes(tbs)
                try serializeAlgorithm(into: &list)
                try list.serialize(ASN1BitString(bytes: ArraySlice(signature.rawRepresentation)))
            }
        }
        return try RevocationList(der: der)
    }

    static func serializeAlgorithm(into serializer: inout DER.Serializer) throws {
        try serializer.appendConstructedNode(identifier: .sequence) { algorithm in
            try algorithm.serialize(OID.sha256WithRSA)
            try algorithm.serialize(ASN1Null())
        }
    }

    static func serializeExtension(
        _ oid: ASN1ObjectIdentifier, into serializer: inout DER.Serializer, value: (inout DER.Serializer) throws -> Void
    ) throws {
        let valueBytes = try encodeDER(value)
        try serializer.appendConstructedNode(identifier: .sequence) { ext in
            try ext.serialize(oid)
            try ext.serialize(ASN1OctetString(contentBytes: valueBytes[...]))
        }
    }

    /// RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
    static func serializeTime(_ date: Date, into serializer: inout DER.Serializer) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        if c.year! < 2050 {
            try serializer.serialize(
                UTCTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!))
        } else {
            try serializer.serialize(
                GeneralizedTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!, fractionalSeconds: 0))
        }
    }
}
