import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwhost`: the workernodes gwd knows, one host with its queues, or the hosts that match a job.
public struct GwHost: GridCommand {
    public static let name = "gwhost"
    public static let synopsis = "[-h] [-c delay] [-n] [-f] [-x] [-m jid] [hid]"
    public static let summary = "Prints the hosts gwd schedules on; with a host id, also its queues; with -m, the hosts that match a job and its RANK on each."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("c", .value, placeholder: "delay", help: "Prints again every delay seconds, until interrupted"),
        OptionSpec("n", help: "No header"),
        OptionSpec("f", help: "Full records (KEY=VALUE)"),
        OptionSpec("x", help: "XML"),
        OptionSpec("m", .value, placeholder: "jid", help: "The hosts that match this job's REQUIREMENTS, with its RANK"),
    ]

    var hostID: Int?
    var matchingJob: Int?
    var showHeader: Bool
    var format: HostListFormat
    var refresh: Refresh

    public init(options: ParsedOptions) throws {
        guard options.positionals.count <= 1 else { throw UsageError(option: options.positionals[1], "gwhost shows one host id at most") }
        hostID = try options.positionals.first.map { try GridWayArguments.integer($0, option: "hid", in: 0...Int.max) }
        matchingJob = try options.value("m").map { try GridWayArguments.jobID($0, option: "-m") }
        if matchingJob != nil, hostID != nil { throw UsageError(option: "-m", "lists matching hosts; leave out the host id") }
        showHeader = !options.has("n")
        format = options.has("x") ? .xml : options.has("f") ? .full : .table
        refresh = Refresh(delaySeconds: try GridWayArguments.integer(options, "c", in: 1...Int.max))
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        try refresh.run(in: context) {
            if let matchingJob { return try matches(for: matchingJob, session: session) }
            let query = HostQuery(ids: hostID.map { [$0] } ?? [])
            let hosts = try session.call { try await $0.listHosts(query).hosts }
            if let hostID, !hosts.contains(where: { $0.id == hostID }) {
                throw GridToolsError("host \(hostID) does not exist", hint: "gwhost without an id lists the hosts and their HIDs")
            }
            var text = format.render(hosts, header: showHeader)
            if hostID != nil, format == .table, let host = hosts.first {
                text += "\n" + HostQueueTable.render(host, header: showHeader)
            }
            return text
        }
        return 0
    }

    /// `gwhost -m jid`: `HID QNAME RANK PRI SLOTS HOSTNAME`, best rank first as gwd sends them.
    func matches(for job: Int, session: GwdSession) throws -> String {
        let list = try session.call { connection -> HostList in
            let list = try await connection.listHosts(HostQuery(matchingJob: job))
            // gwd may send the matches alone; the names and slots come from the host list then.
            let missing = Set(list.matches.map(\.hostID)).subtracting(list.hosts.map(\.id))
            guard !missing.isEmpty else { return list }
            let hosts = try await connection.listHosts(HostQuery(ids: missing.sorted())).hosts
            return HostList(hosts: list.hosts + hosts, matches: list.matches)
        }
        let rows = list.matches.map { match in
            HostStatusFormatter.matchRow(HostMatch(wire: match, host: list.hosts.first { $0.id == match.hostID }))
        }
        return ((showHeader ? [HostStatusFormatter.matchHeader()] : []) + rows).map { $0 + "\n" }.joined()
    }
}

/// gwhost's three outputs.
enum HostListFormat {
    case table
    case full
    case xml

    func render(_ hosts: [HostInfo], header: Bool) -> String {
        switch self {
        case .table: return HostStatusFormatter.table(hosts.map(HostStatus.init(wire:)), header: header)
        case .full: return hosts.map { Self.lines(Self.fields($0)) + "\n" }.joined()
        case .xml: return XMLRecords.document(pool: "HOST_POOL", element: "HOST", idKey: "HOST_ID", records: hosts.map(Self.fields))
        }
    }

    /// `HOST_ID`, `HOSTNAME`, `PRIORITY`, `USED_SLOTS`, then the published values by name.
    static func fields(_ host: HostInfo) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [("HOST_ID", String(host.id)), ("HOSTNAME", host.name),
                                                      ("PRIORITY", String(host.priority)), ("USED_SLOTS", String(host.usedSlots))]
        for (key, value) in host.attributes.sorted(by: { $0.key < $1.key }) where key != "HOSTNAME" {
            switch value {
            case .string(let text): fields.append((key, text))
            case .integer(let number): fields.append((key, String(number)))
            }
        }
        return fields
    }

    static func lines(_ fields: [(key: String, value: String)]) -> String {
        fields.map { "\($0.key)=\($0.value)\n" }.joined()
    }
}
