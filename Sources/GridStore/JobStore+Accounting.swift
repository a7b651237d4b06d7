import Foundation
import GRDB

/// gwacct and gwuser.
extension JobStore {
    /// Per-user totals (all users, or one), by user name.
    public func userAccounting(user: String? = nil) throws -> [UserAccounting] {
        try read("read the accounting") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounting_users \(user == nil ? "" : "WHERE user = ?") ORDER BY user",
                             arguments: StatementArguments(user.map { [$0] } ?? [])).map { row in
                UserAccounting(user: row["user"], submitted: row["submitted"], done: row["done"], failed: row["failed"],
                               killed: row["killed"], executionSeconds: row["execution_seconds"],
                               transferSeconds: row["transfer_seconds"], wallSeconds: row["wall_seconds"])
            }
        }
    }

    /// Per user and host totals of the attempts that ended, by user then host.
    public func hostAccounting(user: String? = nil, host: String? = nil) throws -> [HostAccounting] {
        var conditions: [String] = []
        var arguments: [String] = []
        if let user { conditions.append("user = ?"); arguments.append(user) }
        if let host { conditions.append("host = ?"); arguments.append(host) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read("read the accounting") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounting_hosts \(whereClause) ORDER BY user, host",
                             arguments: StatementArguments(arguments)).map { row in
                HostAccounting(user: row["user"], host: row["host"], hostID: row["host_id"], attempts: row["attempts"],
                               succeeded: row["succeeded"], failed: row["failed"], killed: row["killed"],
                               prologSeconds: row["prolog_seconds"], wrapperSeconds: row["wrapper_seconds"],
                               epilogSeconds: row["epilog_seconds"], migrationSeconds: row["migration_seconds"])
            }
        }
    }

    /// gwuser: the users with jobs in the pool or ended jobs in the accounting, by name. A user
    /// whose jobs were all freed has no uid here (-1).
    public func users() throws -> [UserSummary] {
        try read("list users") { db in
            try Row.fetchAll(db, sql: """
                WITH names AS (SELECT user FROM jobs UNION SELECT user FROM accounting_users),
                pool AS (
                    SELECT user, max(uid) AS uid, max(dn) AS dn, count(*) AS jobs,
                        sum(state IN ('prol', 'wrap', 'epil', 'canl', 'migr')) AS running
                    FROM jobs GROUP BY user)
                SELECT names.user AS user, coalesce(pool.uid, -1) AS uid, pool.dn AS dn,
                    coalesce(pool.jobs, 0) AS jobs, coalesce(pool.running, 0) AS running,
                    coalesce(accounting_users.done, 0) AS done, coalesce(accounting_users.failed, 0) AS failed
                FROM names LEFT JOIN pool ON pool.user = names.user
                    LEFT JOIN accounting_users ON accounting_users.user = names.user
                ORDER BY names.user
                """).map { row in
                UserSummary(user: row["user"], uid: row["uid"], dn: row["dn"], jobs: row["jobs"], running: row["running"],
                            done: row["done"], failed: row["failed"])
            }
        }
    }
}
