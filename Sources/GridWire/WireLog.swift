/// Something a server or client reports for its log. GridWire does not log by itself: the daemon
/// passes a `WireLog` that forwards events to its swift-log `Logger`.
public struct WireLogEvent: Sendable {
    public enum Kind: String, Sendable {
        /// The server listens.
        case listening
        /// A peer passed the handshake.
        case accepted
        /// A peer was refused during the handshake (`error` says why).
        case rejected
        /// A connection ended with an error after the handshake.
        case connectionFailed
        /// A request handler failed; the client got an `error` frame.
        case requestFailed
        /// The server stopped accepting and is draining connections.
        case shuttingDown
    }

    public enum Level: String, Sendable {
        case debug, info, warning, error
    }

    public var kind: Kind
    public var level: Level
    public var message: String
    /// The peer's `ip:port`, when the event is about a connection.
    public var address: String?
    /// The peer's verified identity, once known.
    public var identity: String?
    public var error: WireError?
}

/// Where GridWire sends its log events.
public struct WireLog: Sendable {
    let sink: @Sendable (WireLogEvent) -> Void

    /// Sends events to `sink`.
    public init(_ sink: @escaping @Sendable (WireLogEvent) -> Void) {
        self.sink = sink
    }

    /// Drops every event.
    public static let none = WireLog { _ in }

    func callAsFunction(
        _ kind: WireLogEvent.Kind, _ level: WireLogEvent.Level, _ message: String, address: String? = nil, identity: String? = nil,
        error: WireError? = nil
    ) {
        sink(WireLogEvent(kind: kind, level: level, message: message, address: address, identity: identity, error: error))
    }
}
