import SwiftASN1

extension ASN1NodeCollection.Iterator {
    /// Parses the next node as a SEQUENCE, handing its children to `body`.
    mutating func nextSequence<T>(_ body: (inout ASN1NodeCollection.Iterator) throws -> T) throws -> T {
        guard let node = self.next() else {
            throw ASN1Error.invalidASN1Object(reason: "a SEQUENCE is missing")
        }
        return try DER.sequence(node, identifier: .sequence, body)
    }
}

/// DER encoding of anything serializable.
func encodeDER(_ body: (inout DER.Serializer) throws -> Void) rethrows -> [UInt8] {
    var serializer = DER.Serializer()
    try body(&serializer)
    return serializer.serializedBytes
}
