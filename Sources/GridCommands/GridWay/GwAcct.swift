import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwacct`: usage totals per user or per host (execution, suspension and transfer time; jobs
/// that succeeded, failed, were killed or migrated).
public struct GwAcct: GridCommand {
    public static let name = "gwacct"
    public static let synopsis = "[-h] [-n] [-u user | -r host] [-d days]"
    public static let summary = "Prints accounting totals per user (default, or -u one user) or per host (-r host)."
    public static let style = CommandStyle.gridWay
    public static let options: [OptionSpec] = [
        OptionSpec("u", .value, placeholder: "user", help: "Totals of this user"),
        OptionSpec("r", .value, placeholder: "host", help: "Totals of this host (use -r all for every host)"),
        OptionSpec("d", .value, placeholder: "days", help: "Only the last days (default: all)"),
        OptionSpec("n", help: "No header"),
    ]

    var user: String?
    var host: String?
    var days: Int?
    var showHeader: Bool

    public init(options: ParsedOptions) throws {
        user = options.value("u")
        host = options.value("r")
        if user != nil, host != nil { throw UsageError(option: "-r", "choose -u user or -r host, not both") }
        days = try GridWayArguments.integer(options, "d", in: 1...Int.max)
        showHeader = !options.has("n")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let byHost = host != nil
        let query = AccountingQuery(groupBy: byHost ? .host : .user, user: user, host: host == "all" ? nil : host,
                                    since: days.map { context.now().addingTimeInterval(-Double($0) * 86_400) })
        let session = try GwdSession.prepare(context, client: Self.name)
        let report = try session.call { try await $0.accounting(query) }
        context.standardOutput(Self.table(byHost: byHost).render(report.rows.map(Self.row), header: showHeader))
        return 0
    }

    static func table(byHost: Bool) -> TextTable {
        TextTable([.init(title: byHost ? "HOST" : "USER", width: byHost ? 20 : 12)]
            + ["EXEC", "SUSP", "XFER"].map { .init(title: $0, width: 9, rightAligned: true) }
            + ["SUCC", "FAIL", "KILL", "MIGR"].map { .init(title: $0, width: 5, rightAligned: true) })
    }

    static func row(_ row: AccountingRow) -> [String] {
        [row.name, GridTime.duration(seconds: row.executionSeconds), GridTime.duration(seconds: row.suspensionSeconds),
         GridTime.duration(seconds: row.transferSeconds), String(row.succeeded), String(row.failed), String(row.killed),
         String(row.migrated)]
    }
}
