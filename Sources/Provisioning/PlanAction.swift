/// One change `up` makes (or, for `plan`, would make).
public struct PlanAction: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case create, replace, update, start, restart, remove
        var symbol: String {
            switch self {
            case .create: "+"
            case .remove: "-"
            case .replace, .update, .restart, .start: "~"
            }
        }
    }

    public var kind: Kind
    /// pool, image, network, node, volume, instance
    public var object: String
    public var name: String
    public var detail: String

    public init(_ kind: Kind, _ object: String, _ name: String, _ detail: String = "") {
        self.kind = kind
        self.object = object
        self.name = name
        self.detail = detail
    }

    public var description: String {
        "\(kind.symbol) \(kind.rawValue) \(object) \(name)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}
