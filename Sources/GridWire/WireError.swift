import Foundation

/// The one error type of GridWire: what failed, how to fix it, where (host:port or peer), and why.
public struct WireError: Error, CustomStringConvertible, @unchecked Sendable {
    /// A stable identifier of the failure.
    public enum Code: String, Sendable, CaseIterable, Codable {
        // Framing and messages
        /// A frame is longer than the agreed maximum.
        case frameTooLarge
        /// A frame is not a valid JSON envelope, or its body does not match its type.
        case malformedFrame
        /// The envelope's `v` is not a version this side speaks.
        case unsupportedVersion
        /// The envelope's `type` is not a message this side knows.
        case unknownMessageType
        /// The peer answered with a message of another kind than the call expects.
        case unexpectedMessage
        // Connections
        /// The configuration (credential, trust directory, address) cannot be used.
        case invalidConfiguration
        /// The listening socket could not be opened.
        case bindFailed
        /// The TCP connection could not be made.
        case connectFailed
        /// Connecting (TCP, TLS and the hello exchange) took longer than allowed.
        case connectTimeout
        /// The TLS handshake failed for a reason other than the ones below.
        case tlsFailed
        /// The server's certificate chain does not verify against the trusted CAs.
        case serverNotTrusted
        /// The server's host certificate does not carry the name the client dialled.
        case serverNameMismatch
        /// The server refused this client's credential during the handshake.
        case rejectedByServer
        /// The connection closed before the answer came.
        case connectionClosed
        /// No answer came within the request's time limit.
        case requestTimeout
        /// The server is shutting down and takes no new requests.
        case shuttingDown
        // Peers
        /// The peer's chain failed GSI verification (the underlying GridCAError says why).
        case peerNotTrusted
        /// The peer verified but the server's access policy does not admit it.
        case peerNotAuthorized
        /// The handler of a request failed; `remoteCode` holds the code the server sent.
        case remote
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, in one sentence.
    public var message: String
    /// How to fix it.
    public var hint: String
    /// The address, peer or message the failure is about, when there is one.
    public var location: String?
    /// For `.remote`: the code the server's handler reported (a WireError code, `gridca.<code>`, or the daemon's own).
    public var remoteCode: String?
    /// The error that caused this one, when there is one.
    public var underlying: (any Error)?

    /// Creates an error from its parts.
    public init(
        _ code: Code, _ message: String, hint: String, location: String? = nil, remoteCode: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
        self.remoteCode = remoteCode
        self.underlying = underlying
    }

    /// An error a request handler throws to tell the client what went wrong (sent as an `error` frame).
    public static func remote(_ code: String, _ message: String, hint: String) -> WireError {
        WireError(.remote, message, hint: hint, remoteCode: code)
    }

    /// `message (location)` followed by the hint, for printing to users.
    public var description: String {
        var text = message
        if let location { text += " (\(location))" }
        if let underlying { text += ": \(underlying)" }
        return text + "\nhint: " + hint
    }
}
