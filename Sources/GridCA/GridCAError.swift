import Foundation

/// The one error type of GridCA: what failed, how to fix it, where, and why.
public struct GridCAError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A stable identifier of the failure; every distinct failure has its own code.
    public enum Code: String, Sendable, CaseIterable {
        // Names and files
        case invalidDistinguishedName
        case fileUnreadable
        case fileUnwritable
        case invalidPEM
        case invalidCertificate
        case invalidCRL
        case invalidKey
        case unsupportedKey
        case wrongPassphrase
        case keyPermissionsTooOpen
        case keyMismatch
        // CA operations
        case caAlreadyExists
        case caNotFound
        case invalidStore
        case certificateNotFound
        case alreadyRevoked
        case invalidRequest
        case signingFailed
        // Verification: end-entity part
        case emptyChain
        case untrustedIssuer
        case signatureInvalid
        case certificateExpired
        case certificateNotYetValid
        case issuerNotCA
        case caPathLengthExceeded
        case certificateRevoked
        case crlSignatureInvalid
        case crlExpired
        // Verification: proxy part
        case proxyIssuerMismatch
        case proxySignatureInvalid
        case proxySubjectInvalid
        case proxyCertInfoNotCritical
        case proxyPolicyUnsupported
        case proxyExpired
        case proxyNotYetValid
        case proxyPathLengthExceeded
        case proxyIssuerCannotSign
        case proxyForbiddenExtension
        case limitedProxyDelegation
        case invalidProxyFile
        // Authorization
        case gridMapSyntax
        case identityNotMapped
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, in one sentence.
    public var message: String
    /// How to fix it.
    public var hint: String
    /// The file or certificate the failure is about, when there is one.
    public var location: String?
    /// The error that caused this one, when there is one.
    public var underlying: (any Error)?

    /// Creates an error from its parts.
    public init(_ code: Code, _ message: String, hint: String, location: String? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
        self.underlying = underlying
    }

    /// `message (location)` followed by the hint, for printing to users.
    public var description: String {
        var text = message
        if let location { text += " (\(location))" }
        if let underlying { text += ": \(underlying)" }
        return text + "\nhint: " + hint
    }
}
