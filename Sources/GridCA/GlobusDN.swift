import SwiftASN1
import X509

/// The Globus/OpenSSL one-line form of a distinguished name: `/O=Grid/OU=x/CN=y`, RDNs in order.
///
/// Values are not escaped when formatting (as `X509_NAME_oneline` writes them), so a value may
/// contain `/` (`CN=host/node1.example.org`). When parsing, a `/`-separated piece that does not
/// start with a known `KEY=` continues the previous value; `\/` is an explicit slash.
public enum GlobusDN {
    /// Short names as OpenSSL prints them, with the object identifier each stands for.
    static let attributeNames: [(name: String, oid: ASN1ObjectIdentifier)] = [
        ("C", .RDNAttributeType.countryName),
        ("ST", .RDNAttributeType.stateOrProvinceName),
        ("L", .RDNAttributeType.localityName),
        ("O", .RDNAttributeType.organizationName),
        ("OU", .RDNAttributeType.organizationalUnitName),
        ("CN", .RDNAttributeType.commonName),
        ("DC", .RDNAttributeType.domainComponent),
        ("UID", [0, 9, 2342, 19_200_300, 100, 1, 1]),
        ("emailAddress", .RDNAttributeType.emailAddress),
        ("street", .RDNAttributeType.streetAddress),
        ("serialNumber", [2, 5, 4, 5]),
    ]

    static let aliases: [String: String] = ["E": "emailAddress", "EMAIL": "emailAddress", "STREET": "street"]

    /// Parses `/O=Grid/OU=x/CN=y` into a name with one attribute per RDN, in the order written.
    public static func parse(_ oneLine: String) throws -> DistinguishedName {
        let text = oneLine.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("/") else {
            throw invalid(oneLine, "it does not start with '/'")
        }
        var pairs: [(oid: ASN1ObjectIdentifier, value: String)] = []
        for piece in splitOnUnescapedSlash(String(text.dropFirst())) {
            if let (oid, value) = attribute(in: piece) {
                pairs.append((oid, value))
            } else if !pairs.isEmpty {
                pairs[pairs.count - 1].value += "/" + piece
            } else {
                throw invalid(oneLine, "'\(piece)' is not KEY=value")
            }
        }
        guard !pairs.isEmpty else { throw invalid(oneLine, "it has no attributes") }
        var rdns: [RelativeDistinguishedName] = []
        for pair in pairs {
            guard !pair.value.isEmpty else { throw invalid(oneLine, "an attribute has an empty value") }
            rdns.append(RelativeDistinguishedName(try makeAttribute(pair.oid, pair.value)))
        }
        return DistinguishedName(rdns)
    }

    /// Formats a name as `/O=Grid/OU=x/CN=y` (multi-valued RDNs joined with `+`).
    public static func format(_ name: DistinguishedName) -> String {
        name.map { rdn in
            "/" + rdn.map { "\(shortName($0.type))=\(stringValue($0.value))" }.joined(separator: "+")
        }.joined()
    }

    /// The text of an attribute value (string types decoded, others as their description).
    static func stringValue(_ value: RelativeDistinguishedName.Attribute.Value) -> String {
        String(value) ?? String(describing: value)
    }

    static func shortName(_ oid: ASN1ObjectIdentifier) -> String {
        attributeNames.first { $0.oid == oid }?.name ?? oid.description
    }

    static func makeAttribute(_ oid: ASN1ObjectIdentifier, _ value: String) throws -> RelativeDistinguishedName.Attribute {
        // X.520 requires PrintableString for country names; UTF8String everywhere else (OpenSSL's default mask).
        if oid == .RDNAttributeType.countryName {
            return try .init(type: oid, printableString: value)
        }
        if oid == .RDNAttributeType.emailAddress || oid == .RDNAttributeType.domainComponent {
            return try .init(type: oid, ia5String: value)
        }
        return .init(type: oid, utf8String: value)
    }

    static func attribute(in piece: String) -> (ASN1ObjectIdentifier, String)? {
        guard let equals = piece.firstIndex(of: "=") else { return nil }
        var key = String(piece[..<equals])
        let value = String(piece[piece.index(after: equals)...])
        if let alias = aliases[key.uppercased()] { key = alias }
        if let known = attributeNames.first(where: { $0.name.caseInsensitiveCompare(key) == .orderedSame }) {
            return (known.oid, value)
        }
        if key.first?.isNumber == true, let oid = try? ASN1ObjectIdentifier(dotRepresentation: key) {
            return (oid, value)
        }
        return nil
    }

    static func splitOnUnescapedSlash(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "/" {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }

    static func invalid(_ text: String, _ reason: String) -> GridCAError {
        GridCAError(
            .invalidDistinguishedName, "'\(text)' is not a valid one-line DN: \(reason)",
            hint: "write it like /O=Grid/OU=GlobusTest/CN=Globus Simple CA (known keys: "
                + attributeNames.map(\.name).joined(separator: ", ") + ")")
    }
}

extension DistinguishedName {
    /// Parses a Globus one-line DN such as `/O=Grid/OU=GlobusTest/CN=Globus Simple CA`.
    public init(globusOneLine: String) throws {
        self = try GlobusDN.parse(globusOneLine)
    }

    /// This name in the Globus one-line form.
    public var globusOneLine: String { GlobusDN.format(self) }

    /// This name with one more RDN `CN=<commonName>` appended.
    public func appending(commonName: String) -> DistinguishedName {
        DistinguishedName(Array(self) + [RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: commonName))])
    }
}
