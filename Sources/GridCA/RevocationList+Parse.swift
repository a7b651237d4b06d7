import Foundation
import SwiftASN1
import X509

extension RevocationList {
    /// Parses a DER CRL.
    public init(der: [UInt8], location: String? = nil) throws {
        do {
            try self.init(parsing: der)
        } catch let error as GridCAError {
            throw error
        } catch {
            throw GridCAError(.invalidCRL, "the CRL cannot be parsed", hint: "re-publish the CRL from the CA", location: location, underlying: error)
        }
    }

    private init(parsing der: [UInt8]) throws {
        let root = try DER.parse(der)
        var fields: (tbs: ArraySlice<UInt8>, algorithm: ASN1ObjectIdentifier, signature: [UInt8])!
        var parsed: (DistinguishedName, Date, Date?, [Entry], Int?)!
        try DER.sequence(root, identifier: .sequence) { list in
            guard let tbsNode = list.next() else { throw ASN1Error.invalidASN1Object(reason: "no tbsCertList") }
            parsed = try Self.parseTBS(tbsNode)
            let algorithm = try list.nextSequence { algorithm in
                let oid = try ASN1ObjectIdentifier(derEncoded: &algorithm)
                _ = algorithm.next()
                return oid
            }
            let signature = try ASN1BitString(derEncoded: &list)
            fields = (tbsNode.encodedBytes, algorithm, Array(signature.bytes))
        }
        self.issuer = parsed.0
        self.thisUpdate = parsed.1
        self.nextUpdate = parsed.2
        self.entries = parsed.3
        self.crlNumber = parsed.4
        self.derBytes = der
        self.tbsBytes = fields.tbs
        self.signatureAlgorithm = OID.signatureAlgorithm(fields.algorithm)
        self.signatureBytes = fields.signature
    }

    private static func parseTBS(_ node: ASN1Node) throws -> (DistinguishedName, Date, Date?, [Entry], Int?) {
        try DER.sequence(node, identifier: .sequence) { tbs in
            var next = tbs.next()
            if next?.identifier == .integer { next = tbs.next() }  // version
            guard next?.identifier == .sequence else { throw ASN1Error.invalidASN1Object(reason: "no signature algorithm") }
            guard let issuerNode = tbs.next(), let thisNode = tbs.next() else { throw ASN1Error.invalidASN1Object(reason: "truncated") }
            let issuer = try DistinguishedName(derEncoded: issuerNode)
            let thisUpdate = try parseTime(thisNode)
            var nextUpdate: Date?
            var entries: [Entry] = []
            var crlNumber: Int?
            next = tbs.next()
            if let node = next, node.identifier == .utcTime || node.identifier == .generalizedTime {
                nextUpdate = try parseTime(node)
                next = tbs.next()
            }
            if let node = next, node.identifier == .sequence {
                entries = try DER.sequence(node, identifier: .sequence) { list in
                    var entries: [Entry] = []
                    while let entryNode = list.next() {
                        entries.append(try DER.sequence(entryNode, identifier: .sequence) { entry in
                            let serial = try ArraySlice<UInt8>(derEncoded: &entry)
                            guard let timeNode = entry.next() else { throw ASN1Error.invalidASN1Object(reason: "no revocation date") }
                            let date = try parseTime(timeNode)
                            while entry.next() != nil {}  // entry extensions are not used
                            return Entry(serialBytes: normalizedSerial(serial), revocationDate: date)
                        })
                    }
                    return entries
                }
                next = tbs.next()
            }
            if let node = next, node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                crlNumber = try parseCRLNumber(node)
            }
            return (issuer, thisUpdate, nextUpdate, entries, crlNumber)
        }
    }

    private static func parseCRLNumber(_ explicit: ASN1Node) throws -> Int? {
        guard case .constructed(let children) = explicit.content, let extensionsNode = children.first(where: { _ in true }) else { return nil }
        let extensions = try DER.sequence(of: Certificate.Extension.self, identifier: .sequence, rootNode: extensionsNode)
        guard let ext = extensions.first(where: { $0.oid == OID.crlNumber }) else { return nil }
        return try Int(derEncoded: ext.value)
    }

    static func parseTime(_ node: ASN1Node) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components: DateComponents
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            components = DateComponents(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        } else {
            let time = try GeneralizedTime(derEncoded: node)
            components = DateComponents(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        }
        guard let date = calendar.date(from: components) else { throw ASN1Error.invalidASN1Object(reason: "bad time") }
        return date
    }
}

/// Serial number bytes without redundant leading zero bytes, for comparison.
func normalizedSerial<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    let trimmed = Array(bytes.drop { $0 == 0 })
    return trimmed.isEmpty ? [0] : trimmed
}
