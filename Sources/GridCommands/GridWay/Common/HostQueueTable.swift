import GridMiddleware
import GridWire

/// `gwhost hid`'s queue table, from the host's QUEUE_* values (vgrid hosts have one queue).
enum HostQueueTable {
    static let table = TextTable([
        .init(title: "QUEUENAME", width: 12), .init(title: "SL(F/T)", width: 7, rightAligned: true),
        .init(title: "WALLT", width: 5), .init(title: "CPUT", width: 5), .init(title: "COUNT", width: 5),
        .init(title: "MAXR", width: 5), .init(title: "MAXQ", width: 5), .init(title: "STATUS", width: 8),
        .init(title: "DISPATCH", width: 10), .init(title: "PRIORITY", width: 8),
    ])

    static func render(_ host: HostInfo, header: Bool) -> String {
        let a = HostAttributes(wire: host.attributes)
        let number = { (name: String) in String(a.integer(name) ?? 0) }
        let slots = "\(a.integer("QUEUE_FREENODECOUNT") ?? 0)/\(a.integer("QUEUE_NODECOUNT") ?? a.integer("NODECOUNT") ?? 0)"
        let row = [a.string("QUEUE_NAME") ?? "default", slots, number("QUEUE_MAXTIME"), number("QUEUE_MAXCPUTIME"),
                   number("QUEUE_MAXCOUNT"), number("QUEUE_MAXRUNNINGJOBS"), number("QUEUE_MAXJOBSINQUEUE"),
                   a.string("QUEUE_STATUS") ?? "active", a.string("QUEUE_DISPATCHTYPE") ?? "immediate",
                   a.string("QUEUE_PRIORITY") ?? "NULL"]
        return table.render([row], header: header)
    }
}
