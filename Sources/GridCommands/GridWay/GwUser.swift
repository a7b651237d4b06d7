import GridTools
import GridWire

/// `gwuser`: the users gwd knows, with their jobs in the pool and how many run now.
public struct GwUser: GridCommand {
    public static let name = "gwuser"
    public static let synopsis = "[-h] [-n]"
    public static let summary = "Prints the users gwd knows: local account, uid, certificate DN, jobs in the pool, jobs running, and jobs that ended done or failed."
    public static let style = CommandStyle.gridWay
    public static let options: [OptionSpec] = [OptionSpec("n", help: "No header")]

    /// The DN column is as wide as the longest DN, so that JOBS and RUN line up after it.
    static func table(dnWidth: Int) -> TextTable {
        TextTable([
            .init(title: "USER", width: 12), .init(title: "UID", width: 6, rightAligned: true), .init(title: "DN", width: max(2, dnWidth)),
            .init(title: "JOBS", width: 5, rightAligned: true), .init(title: "RUN", width: 5, rightAligned: true),
            .init(title: "DONE", width: 5, rightAligned: true), .init(title: "FAIL", width: 5, rightAligned: true),
        ])
    }

    var showHeader: Bool

    public init(options: ParsedOptions) throws {
        showHeader = !options.has("n")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        let users = try session.call { try await $0.listUsers().users }
        let rows = users.map {
            [$0.user, $0.uid >= 0 ? String($0.uid) : "--", $0.dn ?? "--", String($0.jobs), String($0.running),
             $0.done.map(String.init) ?? "--", $0.failed.map(String.init) ?? "--"]
        }
        let dnWidth = rows.map { $0[2].count }.max() ?? 0
        context.standardOutput(Self.table(dnWidth: dnWidth).render(rows, header: showHeader))
        return 0
    }
}
