import Foundation
import GridMiddleware
import GridWire

/// The workernodes of `host.list` and what their gatekeepers last reported.
///
/// A host is schedulable while its heartbeats arrive; when they stop for the host timeout it is
/// marked lost, its slots disappear from gwhost and its jobs are rescheduled.
struct HostTable: Sendable {
    struct Host: Sendable {
        var id: Int
        var name: String
        var address: String?
        var attributes: HostAttributes = [:]
        var lastSeen: Date?
        var isUp = false
        /// No longer in host.list: kept so its HID is never reused.
        var isRemoved = false
        /// Per user: the failure-rate ban (GridWay's FR_MAX_BANNED policy).
        var bans: [String: FailureBan] = [:]

        var totalSlots: Int { isUp ? attributes.integer("QUEUE_NODECOUNT") ?? attributes.integer("NODECOUNT") ?? 1 : 0 }
        var ref: HostRef {
            HostRef(id: id, name: name, lrms: attributes.string("LRMS_NAME") ?? "fork", queue: attributes.string("QUEUE_NAME") ?? "default")
        }
    }

    private(set) var hosts: [Host]

    init(_ entries: [HostListEntry]) {
        hosts = entries.enumerated().map { Host(id: $0.offset, name: $0.element.name, address: $0.element.address) }
    }

    func host(id: Int) -> Host? { hosts.indices.contains(id) ? hosts[id] : nil }

    func host(named name: String) -> Host? {
        hosts.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether `name` is a workernode of this grid (gwd admits its gatekeeper as a service).
    var names: Set<String> { Set(hosts.filter { !$0.isRemoved }.map(\.name)) }

    /// Applies a new host.list. Host IDs stay stable (history refers to them): a known name keeps
    /// its HID, a new name gets the next one, and a removed host keeps its row but is never up
    /// again unless it comes back to the list.
    mutating func update(_ entries: [HostListEntry]) -> (added: [Host], removed: [Host]) {
        let wanted = Dictionary(entries.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var added: [Host] = []
        var removed: [Host] = []
        for index in hosts.indices {
            let key = hosts[index].name.lowercased()
            if let entry = wanted[key] {
                hosts[index].address = entry.address
                if hosts[index].isRemoved { hosts[index].isRemoved = false; added.append(hosts[index]) }
            } else if !hosts[index].isRemoved {
                hosts[index].isRemoved = true
                hosts[index].isUp = false
                removed.append(hosts[index])
            }
        }
        let known = Set(hosts.map { $0.name.lowercased() })
        for entry in entries where !known.contains(entry.name.lowercased()) {
            let host = Host(id: hosts.count, name: entry.name, address: entry.address)
            hosts.append(host)
            added.append(host)
        }
        return (added, removed)
    }

    /// Records a heartbeat; returns true when the host was not up before (a host appeared).
    mutating func report(_ report: HostReport, at now: Date) -> (host: Host, appeared: Bool)? {
        guard let index = hosts.firstIndex(where: { !$0.isRemoved && $0.name.lowercased() == report.host.lowercased() }) else { return nil }
        var values: [String: HostValue] = [:]
        for (key, value) in report.attributes {
            switch value {
            case .integer(let number): values[key] = .integer(number)
            case .string(let text): values[key] = .string(text)
            }
        }
        let appeared = !hosts[index].isUp
        hosts[index].attributes = HostAttributes(values)
        hosts[index].lastSeen = now
        hosts[index].isUp = true
        return (hosts[index], appeared)
    }

    /// Marks hosts whose heartbeat is older than `timeout` as lost; returns them.
    mutating func expire(now: Date, timeout: TimeInterval) -> [Host] {
        var lost: [Host] = []
        for index in hosts.indices where hosts[index].isUp {
            if let seen = hosts[index].lastSeen, now.timeIntervalSince(seen) > timeout {
                hosts[index].isUp = false
                lost.append(hosts[index])
            }
        }
        return lost
    }

    /// Marks one host lost at once (its gatekeeper cannot be reached).
    mutating func markLost(id: Int) {
        guard hosts.indices.contains(id) else { return }
        hosts[id].isUp = false
    }

    mutating func recordFailure(hostID: Int, user: String, at now: Date, config: SchedulerConfig) {
        guard hosts.indices.contains(hostID) else { return }
        hosts[hostID].bans[user, default: FailureBan()].recordFailure(at: now, config: config)
    }

    mutating func recordSuccess(hostID: Int, user: String) {
        guard hosts.indices.contains(hostID) else { return }
        hosts[hostID].bans[user]?.recordSuccess()
    }
}
