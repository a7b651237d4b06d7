/// The host a job is dispatched to.
public struct HostRef: Sendable, Hashable, Codable {
    /// The HID of gwhost.
    public var id: Int
    public var name: String
    /// The host's local resource manager (the part after `/` in gwps's HOST column).
    public var lrms: String
    public var queue: String

    public init(id: Int, name: String, lrms: String = "fork", queue: String = "default") {
        self.id = id
        self.name = name
        self.lrms = lrms
        self.queue = queue
    }

    /// `worker1/fork`, as gwps and gwhistory show a host.
    public var contact: String { "\(name)/\(lrms)" }
}
