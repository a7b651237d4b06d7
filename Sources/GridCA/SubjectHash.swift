import Crypto
import Foundation
import SwiftASN1
import X509

/// OpenSSL's subject hashes, which name the files of a trusted-CA directory (`<hash>.0`).
public enum SubjectHash {
    /// `openssl x509 -hash`: SHA-1 over the canonical encoding of the name, as 8 hex digits.
    public static func new(_ name: DistinguishedName) -> String {
        let digest = Array(Insecure.SHA1.hash(data: canonicalEncoding(name)))
        return formatted(digest)
    }

    /// `openssl x509 -subject_hash_old`: MD5 over the DER of the name, as 8 hex digits.
    public static func old(_ name: DistinguishedName) -> String {
        var serializer = DER.Serializer()
        // Serializing a parsed or built name cannot fail: its values are already valid.
        try! serializer.serialize(name)
        return formatted(Array(Insecure.MD5.hash(data: serializer.serializedBytes)))
    }

    /// The first four digest bytes read little-endian, printed `%08x`.
    static func formatted(_ digest: [UInt8]) -> String {
        let value = UInt32(digest[0]) | UInt32(digest[1]) << 8 | UInt32(digest[2]) << 16 | UInt32(digest[3]) << 24
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// OpenSSL's `x509_name_canon`: each RDN's SET, values as canonical UTF8String, no outer SEQUENCE.
    static func canonicalEncoding(_ name: DistinguishedName) -> [UInt8] {
        var output: [UInt8] = []
        for rdn in name {
            let entries = rdn.map { canonicalEntry($0) }.sorted { $0.lexicographicallyPrecedes($1) }
            var serializer = DER.Serializer()
            serializer.appendConstructedNode(identifier: .set) { set in
                for entry in entries { set.serializeRawBytes(entry) }
            }
            output += serializer.serializedBytes
        }
        return output
    }

    static func canonicalEntry(_ attribute: RelativeDistinguishedName.Attribute) -> [UInt8] {
        var valueSerializer = DER.Serializer()
        try! valueSerializer.serialize(ASN1Any(attribute.value))
        let valueDER = valueSerializer.serializedBytes
        var serializer = DER.Serializer()
        try! serializer.appendConstructedNode(identifier: .sequence) { sequence in
            try sequence.serialize(attribute.type)
            if let node = try? DER.parse(valueDER), case .primitive(let content) = node.content,
                let text = utf8Text(content, identifier: node.identifier)
            {
                sequence.appendPrimitiveNode(identifier: .utf8String) { $0 += canonicalize(text) }
            } else {
                sequence.serializeRawBytes(valueDER)
            }
        }
        return serializer.serializedBytes
    }

    /// The value as UTF-8 when its string type is one OpenSSL canonicalizes (`ASN1_MASK_CANON`).
    static func utf8Text(_ content: ArraySlice<UInt8>, identifier: ASN1Identifier) -> [UInt8]? {
        switch identifier {
        case .utf8String, .printableString, .ia5String, .visibleString:
            return Array(content)
        case .teletexString:
            // OpenSSL treats T61String as Latin-1.
            return Array(String(content.map { Character(Unicode.Scalar($0)) }).utf8)
        case .bmpString:
            let units = stride(from: content.startIndex, to: content.endIndex - 1, by: 2).map {
                UInt16(content[$0]) << 8 | UInt16(content[$0 + 1])
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        case .universalString:
            let scalars = stride(from: content.startIndex, to: content.endIndex - 3, by: 4).compactMap {
                Unicode.Scalar(content[$0...$0 + 3].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            }
            return Array(String(String.UnicodeScalarView(scalars)).utf8)
        default:
            return nil
        }
    }

    /// Trim ASCII whitespace, collapse inner runs to one space, lower-case ASCII letters.
    static func canonicalize(_ bytes: [UInt8]) -> [UInt8] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var slice = bytes[...]
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        var output: [UInt8] = []
        var previousWasSpace = false
        for byte in slice {
            if isSpace(byte) {
                if !previousWasSpace { output.append(0x20) }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            output.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return output
    }
}
