import Foundation

/// gwhost: which hosts to show; with `matchingJob`, the hosts that match that job (gwhost -m).
public struct HostQuery: WireBody {
    public static let wireType = "listHosts"
    public var ids: [Int]
    public var matchingJob: Int?

    public init(ids: [Int] = [], matchingJob: Int? = nil) {
        self.ids = ids
        self.matchingJob = matchingJob
    }
}

/// One host: its HID, name, priority and published attributes (GridMiddleware's
/// `HostStatus(id:priority:usedSlots:attributes:)` rebuilds gwhost's row from these).
public struct HostInfo: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var priority: Int
    public var usedSlots: Int
    /// GridWay's information model (`ARCH`, `CPU_MHZ`, ...) plus generic values.
    public var attributes: [String: WireValue]
    /// When the host last reported (heartbeat).
    public var lastSeen: Date?

    public init(id: Int, name: String, priority: Int = 1, usedSlots: Int = 0, attributes: [String: WireValue] = [:], lastSeen: Date? = nil) {
        self.id = id
        self.name = name
        self.priority = priority
        self.usedSlots = usedSlots
        self.attributes = attributes
        self.lastSeen = lastSeen
    }
}

/// One line of gwhost -m: a host queue that matches the job, with the job's RANK there.
public struct HostMatchInfo: Codable, Sendable, Hashable {
    public var hostID: Int
    public var queue: String
    public var rank: Int
    public var priority: Int

    public init(hostID: Int, queue: String, rank: Int, priority: Int) {
        self.hostID = hostID
        self.queue = queue
        self.rank = rank
        self.priority = priority
    }
}

/// The answer to `HostQuery`.
public struct HostList: WireBody {
    public static let wireType = "hosts"
    public var hosts: [HostInfo]
    /// Filled for `matchingJob`.
    public var matches: [HostMatchInfo]

    public init(hosts: [HostInfo], matches: [HostMatchInfo] = []) {
        self.hosts = hosts
        self.matches = matches
    }
}
