import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwhistory`: the hosts a job was sent to, one row each, with the time spent in each phase.
public struct GwHistory: GridCommand {
    public static let name = "gwhistory"
    public static let synopsis = "[-h] [-n] [-x] jid"
    public static let summary = "Prints the execution history of a job: one line per host it was sent to."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("n", help: "No header"),
        OptionSpec("x", help: "XML"),
    ]

    var jobID: Int
    var showHeader: Bool
    var xml: Bool

    public init(options: ParsedOptions) throws {
        guard options.positionals.count == 1 else {
            throw UsageError(option: options.positionals.dropFirst().first ?? "", "gwhistory needs exactly one job id")
        }
        jobID = try GridWayArguments.jobID(options.positionals[0])
        showHeader = !options.has("n")
        xml = options.has("x")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        let query = HistoryQuery(jobID: jobID)
        let history = try session.call { try await $0.history(query) }
        let records = try history.entries.map(HistoryRecord.init(wire:))
        let formatter = HistoryFormatter(timeZone: context.timeZone)
        let now = context.now()
        if xml {
            let fields = zip(records, history.entries).enumerated().map { index, pair in
                Self.fields(pair.0, sequence: index, message: pair.1.message, formatter: formatter, now: now)
            }
            context.standardOutput(XMLRecords.document(pool: "HISTORY", element: "RECORD", idKey: "SEQ", records: fields)
                .replacingOccurrences(of: "<HISTORY>", with: "<HISTORY JOB_ID=\"\(jobID)\">"))
        } else {
            context.standardOutput(formatter.table(records, now: now, header: showHeader))
        }
        return 0
    }

    /// One record's XML fields: the table's columns by name, and vgrid's failure message.
    static func fields(_ record: HistoryRecord, sequence: Int, message: String?, formatter: HistoryFormatter, now: Date) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [
            ("SEQ", String(sequence)), ("HOST_ID", String(record.host.id)), ("HOSTNAME", record.host.contact),
            ("QUEUE", record.host.queue),
            ("START_TIME", GridTime.dateAndTime(record.start, timeZone: formatter.timeZone)),
            ("EXIT_TIME", GridTime.dateAndTime(record.end, timeZone: formatter.timeZone)),
            ("PROLOG_TIME", GridTime.duration(seconds: record.prologSeconds(now: now))),
            ("WRAPPER_TIME", GridTime.duration(seconds: record.wrapperSeconds(now: now))),
            ("EPILOG_TIME", GridTime.duration(seconds: record.epilogSeconds(now: now))),
            ("MIGRATION_TIME", GridTime.duration(seconds: record.migrationSeconds(now: now))),
            ("REASON", record.reason.rawValue.trimmingCharacters(in: .whitespaces)),
        ]
        if let message { fields.append(("MESSAGE", message)) }
        return fields
    }
}
