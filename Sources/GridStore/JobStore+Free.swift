import Foundation
import GRDB
import GridMiddleware

/// gwwait (which frees by default) and the `free` action of killed jobs.
extension JobStore {
    /// Removes final jobs from the store: their rows, history, logs and (per
    /// `viewRetention`) their `var/<jid>/` directory. Accounting stays, and a tombstone keeps
    /// how each ended for jobs that name it as a dependency later. Ids not in the store are
    /// skipped; returns the ids freed. Throws `.wrongJobState`, freeing nothing, when one of
    /// the jobs is not done or failed yet.
    @discardableResult
    public func free(_ ids: [Int], at now: Date) throws -> [Int] {
        guard !ids.isEmpty else { return [] }
        let freed = try write("free \(ids.count) job(s)") { db -> [(Int, JobOutcome?)] in
            let rows = try Self.chunked(ids).flatMap { chunk in
                try Row.fetchAll(db, sql: """
                    SELECT id, user, state, outcome, exit_code, failure_reason, exit_time, array_id FROM jobs
                    WHERE id IN (\(Self.placeholders(chunk.count)))
                    """, arguments: StatementArguments(chunk))
            }.sorted { ($0["id"] as Int) < ($1["id"] as Int) }
            let active = rows.filter { !(JobState(rawValue: $0["state"]) ?? .initial).isFinal }.map { $0["id"] as Int }
            guard active.isEmpty else {
                throw StoreError(.wrongJobState, "job(s) \(active.map(String.init).joined(separator: ", ")) are not finished and cannot be freed",
                                 hint: "wait for them (gwwait) or kill them (gwkill) first", jobID: active[0])
            }
            let tombstone = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO freed_jobs (id, user, state, outcome, exit_code, failure_reason, exit_time, freed_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let delete = try db.cachedStatement(sql: "DELETE FROM jobs WHERE id = ?")
            for row in rows {
                try tombstone.execute(arguments: [row["id"], row["user"], row["state"], row["outcome"], row["exit_code"],
                                                  row["failure_reason"], row["exit_time"], now.timeIntervalSince1970])
                try delete.execute(arguments: [row["id"]])
            }
            let arrays = Set(rows.compactMap { $0["array_id"] as Int? })
            for arrayID in arrays {
                try db.execute(sql: "DELETE FROM arrays WHERE id = ? AND NOT EXISTS (SELECT 1 FROM jobs WHERE array_id = ?)",
                               arguments: [arrayID, arrayID])
            }
            try inject("free.deleted")
            return rows.map { ($0["id"], Self.outcome(name: $0["outcome"], exitCode: $0["exit_code"], reason: $0["failure_reason"])) }
        }
        view?.perform(freed.compactMap { id, outcome in keepsView(outcome) ? nil : .remove(id) })
        return freed.map(\.0)
    }

    func keepsView(_ outcome: JobOutcome?) -> Bool {
        switch configuration.viewRetention {
        case .remove: return false
        case .keep: return true
        case .keepFailed:
            if case .done? = outcome { return false }
            return true
        }
    }
}
