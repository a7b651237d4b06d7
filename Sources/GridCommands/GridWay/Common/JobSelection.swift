import GridTools
import GridWire

/// The jobs a command acts on: ids on the command line, or `-A aid` (all the jobs of an array).
struct JobSelection {
    var ids: [Int]
    var arrayID: Int?

    init(_ options: ParsedOptions, command: String) throws {
        ids = try GridWayArguments.jobIDs(options.positionals)
        arrayID = try GridWayArguments.integer(options, "A", in: 0...Int.max)
        if arrayID != nil, !ids.isEmpty { throw UsageError(option: "-A", "give job ids or -A aid, not both") }
        if arrayID == nil, ids.isEmpty { throw UsageError(option: "", "\(command) needs job ids (as gwps shows in JID) or -A aid") }
    }

    /// The job ids; for `-A`, the array's jobs as gwd lists them (an empty array is an error).
    func resolve(with session: GwdSession) throws -> [Int] {
        guard let arrayID else { return ids }
        let jobs = try session.call { try await $0.listJobs(JobQuery(arrayID: arrayID)).jobs }
        let ids = jobs.filter { $0.arrayID == arrayID }.map(\.id).sorted()
        guard !ids.isEmpty else {
            throw GridToolsError("array \(arrayID) has no jobs", hint: "gwps -o iJs shows the arrays (AID) of your jobs")
        }
        return ids
    }
}
