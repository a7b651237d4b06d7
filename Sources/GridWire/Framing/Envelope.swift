import Foundation

/// The keys of an envelope: `{"v":1,"id":7,"type":"submit","stream":true,"body":{...}}`.
enum EnvelopeKey: String, CodingKey {
    case v, id, type, stream, body
}

/// The typed content of an envelope: its `type` and `body`.
protocol EnvelopeContent: Sendable {
    var type: String { get }
    func encodeBody(into container: inout KeyedEncodingContainer<EnvelopeKey>) throws
    init(type: String, from container: KeyedDecodingContainer<EnvelopeKey>) throws
}

/// One frame's JSON document.
struct Envelope<Content: EnvelopeContent>: Codable, Sendable {
    var id: UInt64
    /// Chunk frames with the same id follow this one.
    var stream: Bool
    var content: Content

    init(id: UInt64, stream: Bool = false, content: Content) {
        self.id = id
        self.stream = stream
        self.content = content
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: EnvelopeKey.self)
        let version = try container.decode(Int.self, forKey: .v)
        guard version == WireProtocol.version else {
            throw WireError(
                .unsupportedVersion, "the peer speaks wire protocol version \(version), this side speaks \(WireProtocol.version)",
                hint: "run the same vgrid release on the headnode, the workers and the clients")
        }
        id = try container.decode(UInt64.self, forKey: .id)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream) ?? false
        content = try Content(type: try container.decode(String.self, forKey: .type), from: container)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        try container.encode(WireProtocol.version, forKey: .v)
        try container.encode(id, forKey: .id)
        try container.encode(content.type, forKey: .type)
        if stream { try container.encode(true, forKey: .stream) }
        try content.encodeBody(into: &container)
    }
}

/// What a client sends: requests, the chunks of an upload, and cancellations.
enum ClientFrame: EnvelopeContent {
    case request(WireRequest)
    case chunk(WireChunk)
    case cancel

    var type: String {
        switch self {
        case .request(let request): return request.type
        case .chunk: return WireChunk.wireType
        case .cancel: return "cancel"
        }
    }

    func encodeBody(into container: inout KeyedEncodingContainer<EnvelopeKey>) throws {
        switch self {
        case .request(let request): try container.encode(request.body, forKey: .body)
        case .chunk(let chunk): try container.encode(chunk, forKey: .body)
        case .cancel: break
        }
    }

    init(type: String, from container: KeyedDecodingContainer<EnvelopeKey>) throws {
        switch type {
        case WireChunk.wireType: self = .chunk(try container.decode(WireChunk.self, forKey: .body))
        case "cancel": self = .cancel
        default:
            guard let decoder = WireRequest.decoders[type] else { throw unknownType(type, known: WireRequest.types) }
            self = .request(try decoder.decode(container))
        }
    }
}

/// What a server sends: responses, the chunks of a download, and errors.
enum ServerFrame: EnvelopeContent {
    case response(WireResponse)
    case chunk(WireChunk)
    case error(WireErrorBody)

    var type: String {
        switch self {
        case .response(let response): return response.type
        case .chunk: return WireChunk.wireType
        case .error: return WireErrorBody.wireType
        }
    }

    func encodeBody(into container: inout KeyedEncodingContainer<EnvelopeKey>) throws {
        switch self {
        case .response(let response): try container.encode(response.body, forKey: .body)
        case .chunk(let chunk): try container.encode(chunk, forKey: .body)
        case .error(let error): try container.encode(error, forKey: .body)
        }
    }

    init(type: String, from container: KeyedDecodingContainer<EnvelopeKey>) throws {
        switch type {
        case WireChunk.wireType: self = .chunk(try container.decode(WireChunk.self, forKey: .body))
        case WireErrorBody.wireType: self = .error(try container.decode(WireErrorBody.self, forKey: .body))
        default:
            guard let decoder = WireResponse.decoders[type] else { throw unknownType(type, known: WireResponse.types) }
            self = .response(try decoder.decode(container))
        }
    }
}

private func unknownType(_ type: String, known: [String]) -> WireError {
    WireError(
        .unknownMessageType, "the message type '\(type)' is not known here (known: \(known.joined(separator: ", ")))",
        hint: "run the same vgrid release on both ends")
}
