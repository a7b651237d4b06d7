import Foundation

/// One certificate issued by a ``CAStore``, as kept in its index.
public struct CertificateRecord: Codable, Sendable, Equatable {
    /// What the certificate is for.
    public enum Kind: String, Codable, Sendable {
        case host, user
    }

    /// Whether the certificate has been revoked.
    public enum Status: String, Codable, Sendable {
        case valid, revoked
    }

    /// The serial number (unique, increasing within a CA).
    public var serial: UInt64
    /// The subject in one-line form.
    public var subject: String
    /// Host or user.
    public var kind: Kind
    /// Start of validity.
    public var notBefore: Date
    /// End of validity.
    public var notAfter: Date
    /// Valid or revoked.
    public var status: Status
    /// When it was revoked, if it was.
    public var revocationDate: Date?
    /// The serial this certificate renewed, if it is a renewal.
    public var renewalOf: UInt64?

    /// Whether the certificate's validity has ended at `time`.
    public func isExpired(at time: Date = Date()) -> Bool { time > notAfter }
}

/// The persisted state of a ``CAStore``: issued certificates and counters.
struct CAIndex: Codable, Equatable, Sendable {
    var formatVersion = 1
    /// The serial number the next certificate gets.
    var nextSerial: UInt64 = 1
    /// The cRLNumber of the last published CRL (0 before the first).
    var crlNumber = 0
    var certificates: [CertificateRecord] = []
}
