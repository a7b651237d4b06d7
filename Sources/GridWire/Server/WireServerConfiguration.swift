import Foundation
import GridCA

/// What a `WireServer` listens on, authenticates with, and admits.
public struct WireServerConfiguration: Sendable {
    /// The address to bind (`0.0.0.0` for all, `127.0.0.1` in tests).
    public var host: String
    /// The port (6725 for gwd, 2119 for a gatekeeper, 0 for any free port).
    public var port: Int
    /// The host certificate and key (`/etc/grid-security/hostcert.pem`, `hostkey.pem`).
    public var credential: GridCredential
    /// The trusted CAs and CRLs clients are verified against.
    public var trust: WireTrust
    /// Which verified clients are admitted.
    public var policy: WireAccessPolicy
    /// How the server names itself in `Welcome` (`gwd on head.intro.lab`).
    public var serverName: String
    /// A client that has not finished the TLS handshake by then is disconnected.
    public var handshakeTimeout: Duration
    /// The largest frame accepted or sent.
    public var maxFrameBytes: Int
    /// The data size of each `chunk` frame of a download.
    public var chunkBytes: Int
    /// How many upload chunks may wait for a slow handler before the connection stops reading.
    public var uploadBufferChunks: Int
    /// Where connection and request events go.
    public var log: WireLog

    public init(
        host: String, port: Int, credential: GridCredential, trust: WireTrust, policy: WireAccessPolicy = .users(),
        serverName: String? = nil, handshakeTimeout: Duration = .seconds(10), maxFrameBytes: Int = WireProtocol.defaultMaxFrameBytes,
        chunkBytes: Int = WireProtocol.defaultChunkBytes, uploadBufferChunks: Int = 16, log: WireLog = .none
    ) {
        self.host = host
        self.port = port
        self.credential = credential
        self.trust = trust
        self.policy = policy
        self.serverName = serverName ?? VerifiedPeer.hostName(inIdentity: credential.subject) ?? credential.subject
        self.handshakeTimeout = handshakeTimeout
        self.maxFrameBytes = maxFrameBytes
        self.chunkBytes = chunkBytes
        self.uploadBufferChunks = uploadBufferChunks
        self.log = log
    }
}
