/// Where a client connects, and the name the server's host certificate must carry.
public struct WireEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name: checked against the certificate's subjectAltName dNSNames, and sent as SNI.
    public var host: String
    public var port: Int
    /// An address to connect to instead of resolving `host` (like curl's `--resolve`; tests use 127.0.0.1).
    public var address: String?

    public init(host: String, port: Int, address: String? = nil) {
        self.host = host
        self.port = port
        self.address = address
    }

    /// gwd on a headnode.
    public static func gwd(_ host: String, address: String? = nil) -> WireEndpoint {
        WireEndpoint(host: host, port: WireProtocol.gwdPort, address: address)
    }

    /// The gatekeeper of a worker.
    public static func gatekeeper(_ host: String, address: String? = nil) -> WireEndpoint {
        WireEndpoint(host: host, port: WireProtocol.gatekeeperPort, address: address)
    }

    public var description: String { "\(host):\(port)" }
}
