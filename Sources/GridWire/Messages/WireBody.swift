import Foundation

/// A message body: a Codable value and the envelope `type` it travels under.
public protocol WireBody: Codable, Sendable, Hashable {
    /// The envelope `type` of this body.
    static var wireType: String { get }
}

/// A value a host publishes: a string (`ARCH`) or an integer (`CPU_MHZ`); JSON string or number.
public enum WireValue: Codable, Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        }
    }
}

/// The first request on a connection: who is calling (the answer is `Welcome`).
public struct Hello: WireBody {
    public static let wireType = "hello"
    /// The calling program, e.g. `gwsubmit` or `gwd`.
    public var client: String
    public var protocolVersion: Int

    public init(client: String, protocolVersion: Int = WireProtocol.version) {
        self.client = client
        self.protocolVersion = protocolVersion
    }
}

/// The answer to `Hello`: the server and how it sees the caller.
public struct Welcome: WireBody {
    public static let wireType = "welcome"
    /// The server program and host, e.g. `gwd on head.intro.lab`.
    public var server: String
    public var protocolVersion: Int
    /// The caller's end-entity DN as the server verified it.
    public var identity: String
    public var isLimited: Bool
    /// The caller's local account, when the server maps identities (grid-mapfile).
    public var localUser: String?
    /// The trusted host name, when the caller authenticated as a service (host certificate).
    public var serviceHost: String?

    public init(server: String, protocolVersion: Int = WireProtocol.version, identity: String, isLimited: Bool,
                localUser: String? = nil, serviceHost: String? = nil) {
        self.server = server
        self.protocolVersion = protocolVersion
        self.identity = identity
        self.isLimited = isLimited
        self.localUser = localUser
        self.serviceHost = serviceHost
    }
}

/// A plain acknowledgement, for requests whose success carries no data.
public struct Ack: WireBody {
    public static let wireType = "ack"
    public var message: String?

    public init(message: String? = nil) { self.message = message }
}

/// The body of an `error` frame: a stable code, what failed, and how to fix it.
public struct WireErrorBody: WireBody {
    public static let wireType = "error"
    /// A WireError code, `gridca.<code>` for a GridCAError, or a code of the daemon.
    public var code: String
    public var message: String
    public var hint: String

    public init(code: String, message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }
}

/// The body of a `chunk` frame: a piece of a streamed file.
public struct WireChunk: WireBody {
    public static let wireType = "chunk"
    /// 0 for the first chunk of a stream, then 1, 2, ...
    public var seq: Int
    /// The bytes (base64 in JSON).
    public var data: Data
    /// True on the chunk that ends the stream (its data may be empty).
    public var last: Bool

    public init(seq: Int, data: Data, last: Bool) {
        self.seq = seq
        self.data = data
        self.last = last
    }
}
