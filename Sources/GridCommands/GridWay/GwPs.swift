import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwps`: the jobs in gwd's pool, as GridWay's column table, `-f` records or `-x` XML.
public struct GwPs: GridCommand {
    public static let name = "gwps"
    public static let synopsis = "[-h] [-u user] [-r host] [-A aid] [-s letters] [-o columns] [-c delay] [-n] [-f] [-x] [jid]"
    public static let summary = "Prints the jobs in the pool (your own; the administrator sees everyone's)."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("u", .value, placeholder: "user", help: "Only this user's jobs"),
        OptionSpec("r", .value, placeholder: "host", help: "Only jobs on (or last on) this host"),
        OptionSpec("A", .value, placeholder: "aid", help: "Only the jobs of this array"),
        OptionSpec("s", .value, placeholder: "letters", help: "Only jobs in these states: i pend, h hold, p prolog, w wrapper, e epilog, s stopped, k killed, m migrating, z done, f failed"),
        OptionSpec("o", .value, placeholder: "columns", help: "Columns (default uJsetxjh): e EM, s DM, u USER, j NAME, t times, T times with dates, h HOST, x EXIT, i AID TID, f RWS, p FP, J JID, y TYPE, n NP"),
        OptionSpec("c", .value, placeholder: "delay", help: "Prints again every delay seconds, until interrupted"),
        OptionSpec("n", help: "No header"),
        OptionSpec("f", help: "Full records (KEY=VALUE)"),
        OptionSpec("x", help: "XML"),
    ]

    var query: JobQuery
    var host: String?
    var stateLetters: Set<Character>
    var columns: String
    var showHeader: Bool
    var format: JobListFormat
    var refresh: Refresh

    public init(options: ParsedOptions) throws {
        guard options.positionals.count <= 1 else { throw UsageError(option: options.positionals[1], "gwps shows one job id at most") }
        let ids = try options.positionals.map { try GridWayArguments.jobID($0) }
        query = JobQuery(ids: ids, user: options.value("u"), arrayID: try GridWayArguments.integer(options, "A", in: 0...Int.max))
        host = options.value("r")
        let letters = Array(options.value("s") ?? "")
        for letter in letters {
            do { try StateLetter.check(letter) } catch let error as MiddlewareError { throw UsageError(option: "-s", error.message + "; " + (error.hint ?? "")) }
        }
        stateLetters = Set(letters)
        columns = options.value("o") ?? JobStatusFormatter.defaultColumns
        do { _ = try JobStatusFormatter(columns: columns) } catch let error as MiddlewareError {
            throw UsageError(option: "-o", error.message + "; " + (error.hint ?? ""))
        }
        showHeader = !options.has("n")
        format = options.has("x") ? .xml : options.has("f") ? .full : .table
        refresh = Refresh(delaySeconds: try GridWayArguments.integer(options, "c", in: 1...Int.max))
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let session = try GwdSession.prepare(context, client: Self.name)
        let formatter = try JobStatusFormatter(columns: columns, timeZone: context.timeZone)
        let query = query
        try refresh.run(in: context) {
            let rows = try session.call { try await $0.listJobs(query).jobs }
            if let id = query.ids.first, !rows.contains(where: { $0.id == id }) {
                throw GridToolsError("job \(id) does not exist", hint: "gwps without a job id lists your jobs; freed jobs are gone")
            }
            return format.render(try rows.map(JobStatus.init(wire:)).filter(selected), formatter: formatter, header: showHeader)
        }
        return 0
    }

    /// The filters gwd's query does not cover: the host and the state letters.
    func selected(_ job: JobStatus) -> Bool {
        if !stateLetters.isEmpty, !stateLetters.contains(job.stateLetter) { return false }
        if let host {
            guard let contact = job.host else { return false }
            let name = contact.split(separator: "/").first.map(String.init) ?? contact
            return name == host || contact == host || name.hasPrefix(host + ".")
        }
        return true
    }
}

/// gwps's three outputs.
enum JobListFormat {
    case table
    case full
    case xml

    func render(_ jobs: [JobStatus], formatter: JobStatusFormatter, header: Bool) -> String {
        switch self {
        case .table: return formatter.table(jobs, header: header)
        case .full: return jobs.map(formatter.full).joined()
        case .xml:
            return XMLRecords.document(pool: "JOB_POOL", element: "JOB", idKey: "JOB_ID",
                                       records: jobs.map { XMLRecords.fields(formatter.full($0)) })
        }
    }
}
