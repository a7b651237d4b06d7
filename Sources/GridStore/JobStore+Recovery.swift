import Foundation
import GRDB
import GridMiddleware

/// Restarting gwd: every unfinished job, and the teaching view rebuilt from the database.
extension JobStore {
    /// Every job that is not done or failed, by id, with its state machine, template, array
    /// membership and dependencies, and the parents it still waits for that have ended
    /// meanwhile (replay those as `.dependencyDone`/`.dependencyFailed`). Jobs on a host
    /// (prolog, wrapper, epilog...) are returned as they were: the daemon asks the host what
    /// became of them.
    public func recover() throws -> [RecoveredJob] {
        try read("recover the unfinished jobs") { db in
            let records = try jobRecords(db, where: "jobs.state NOT IN ('done', 'fail')")
            let parents = try dependencyStatuses(db, Set(records.flatMap(\.lifecycle.waitingFor)))
            return records.map { record in
                var finished: [Int: JobOutcome] = [:]
                for parent in record.lifecycle.waitingFor {
                    if case .finished(let outcome)? = parents[parent] { finished[parent] = outcome }
                }
                return RecoveredJob(job: record, finishedParents: finished)
            }
        }
    }

    /// Rewrites `var/<jid>/` of each job from the database (after a crash the view may miss
    /// the last lines). The wrapper streams are left as they are.
    public func rebuildView(jobIDs: [Int]) throws {
        guard let view else { return }
        let formatter = HistoryFormatter(timeZone: configuration.timeZone)
        var operations: [JobView.Operation] = []
        for id in jobIDs {
            guard let record = try jobRecord(id) else {
                throw StoreError(.unknownJob, "job \(id) is not in the store", jobID: id)
            }
            var files: [JobFile: String] = [.template: record.templateText]
            files[.state] = try stateChanges(of: id).map { $0.line + "\n" }.joined()
            files[.history] = try history(of: id).filter { $0.end != nil }
                .map { formatter.row($0, now: $0.end!) + "\n" }.joined()
            files[.log] = try log(of: id).map { $0.line(timeZone: configuration.timeZone) + "\n" }.joined()
            files[.environment] = record.environment
            operations.append(.replace(id, files))
        }
        view.perform(operations)
    }
}
