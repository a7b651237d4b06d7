/// How one job of a DAG ended, for gwdag's summary table.
struct DagOutcome: Sendable, Equatable {
    enum State: String, Sendable {
        /// Done (exit code in `exitCode`), or marked DONE in the DAG file.
        case done
        /// gwd failed it, or its PRE/POST script failed, or it could not be submitted.
        case failed = "fail"
        /// Not submitted because a parent was never submitted.
        case skipped = "skip"
    }

    var name: String
    var jobID: Int?
    var state: State
    var exitCode: Int?
    /// Why it failed or was skipped (shown in the NOTE column).
    var note: String?

    /// A job counts as successful when it is done with exit code 0 (DAGMan's rule) and its scripts succeeded.
    var succeeded: Bool { state == .done && (exitCode ?? 0) == 0 }

    static let table = TextTable([
        .init(title: "NAME", width: 15), .init(title: "JID", width: 4), .init(title: "STATE", width: 5),
        .init(title: "EXIT", width: 4), .init(title: "NOTE", width: 0),
    ])

    var row: [String] {
        [name, jobID.map(String.init) ?? "--", state.rawValue, state == .done ? exitCode.map(String.init) ?? "--" : "--", note ?? ""]
    }
}
