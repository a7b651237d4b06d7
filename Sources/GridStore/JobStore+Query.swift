import Foundation
import GRDB
import GridMiddleware

/// gwps, gwhistory and the daemon's look-ups.
extension JobStore {
    /// gwps: the jobs that match `filter`, by id.
    public func jobs(matching filter: JobFilter = .all) throws -> [StoredJob] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let user = filter.user { conditions.append("user = ?"); arguments.append(user) }
        if let letter = filter.stateLetter { conditions.append("state_letter = ?"); arguments.append(String(letter)) }
        if let arrayID = filter.arrayID { conditions.append("array_id = ?"); arguments.append(arrayID) }
        if let host = filter.host {
            let parts = host.split(separator: "/", maxSplits: 1).map(String.init)
            conditions.append(parts.count == 2 ? "host_name = ? AND host_lrms = ?" : "host_name = ?")
            arguments += parts.map { $0 }
        }
        let chunks: [[Int]?] = filter.jobIDs.map { Self.chunked(Array(Set($0)).sorted()).map { $0 } } ?? [nil]
        return try read("list jobs") { db in
            var jobs: [StoredJob] = []
            for chunk in chunks {
                let idCondition = chunk.map { ["id IN (\(Self.placeholders($0.count)))"] } ?? []
                let all = conditions + idCondition
                let whereClause = all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
                let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.summaryColumns) FROM jobs \(whereClause) ORDER BY id",
                                               arguments: StatementArguments(arguments + (chunk ?? []).map { $0 }))
                while let row = try rows.next() { jobs.append(try Self.storedJob(row)) }
            }
            return jobs
        }
    }

    /// One job's gwps row; nil when it is not in the store.
    public func job(_ id: Int) throws -> StoredJob? {
        try read("read job \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM jobs WHERE id = ?", arguments: [id]).map(Self.storedJob)
        }
    }

    /// Everything about one job (state machine, template, array, dependencies); nil when not in the store.
    public func jobRecord(_ id: Int) throws -> JobRecord? {
        try read("read job \(id)") { db in try jobRecords(db, where: "jobs.id = ?", [id]).first }
    }

    /// gwhistory: one record per host tried, in order. Throws `.unknownJob` for a job not in the store.
    public func history(of jobID: Int) throws -> [HistoryRecord] {
        try read("read the history of job \(jobID)") { db in
            _ = try jobContext(db, jobID)
            return try Row.fetchAll(db, sql: "SELECT * FROM history WHERE job_id = ? ORDER BY seq", arguments: [jobID])
                .map(Self.historyRecord)
        }
    }

    /// The job's state log (`job.state` with reasons), oldest first.
    public func stateChanges(of jobID: Int) throws -> [StateChange] {
        try read("read the states of job \(jobID)") { db in
            _ = try jobContext(db, jobID)
            return try Row.fetchAll(db, sql: "SELECT time, state, reason FROM state_changes WHERE job_id = ? ORDER BY id",
                                    arguments: [jobID]).map { row in
                let raw: String = row["state"]
                guard let state = JobState(rawValue: raw) else {
                    throw StoreError(.corruptRecord, "job \(jobID) has a state change to an unknown state '\(raw)'", jobID: jobID)
                }
                return StateChange(time: Self.date(row["time"])!, state: state, reason: row["reason"])
            }
        }
    }

    /// The job's log (`job.log`), oldest first.
    public func log(of jobID: Int) throws -> [JobLogEntry] {
        try read("read the log of job \(jobID)") { db in
            _ = try jobContext(db, jobID)
            return try Row.fetchAll(db, sql: "SELECT time, module, level, message FROM job_log WHERE job_id = ? ORDER BY id",
                                    arguments: [jobID]).map { row in
                JobLogEntry(time: Self.date(row["time"])!, module: row["module"],
                            level: JobLogEntry.Level(rawValue: row["level"]) ?? .info, row["message"])
            }
        }
    }

    /// Jobs in the store that named `parentID` as a dependency, by id (for `notifyDependants`).
    public func dependants(of parentID: Int) throws -> [Int] {
        try read("read the dependants of job \(parentID)") { db in
            try Int.fetchAll(db, sql: "SELECT job_id FROM job_dependencies WHERE parent_id = ? ORDER BY job_id",
                             arguments: [parentID])
        }
    }

    /// What the store knows about each of `ids` as a dependency (active, finished even if
    /// freed since, or unknown).
    public func dependencyStatus(of ids: Set<Int>) throws -> [Int: DependencyStatus] {
        try read("read the state of jobs") { db in try dependencyStatuses(db, ids) }
    }

    /// The next job id the store will hand out (ids are never reused).
    public func nextJobID() throws -> Int {
        try read("read the job counter") { db in
            try Int.fetchOne(db, sql: "SELECT next_value FROM counters WHERE name = 'job'") ?? 0
        }
    }

    func dependencyStatuses(_ db: Database, _ ids: Set<Int>) throws -> [Int: DependencyStatus] {
        var result: [Int: DependencyStatus] = [:]
        for id in ids {
            if let row = try Row.fetchOne(db, sql: "SELECT state, outcome, exit_code, failure_reason FROM jobs WHERE id = ?",
                                          arguments: [id])
                ?? Row.fetchOne(db, sql: "SELECT state, outcome, exit_code, failure_reason FROM freed_jobs WHERE id = ?",
                                arguments: [id]) {
                let state = JobState(rawValue: row["state"]) ?? .initial
                if state.isFinal, let outcome = Self.outcome(name: row["outcome"], exitCode: row["exit_code"],
                                                             reason: row["failure_reason"]) {
                    result[id] = .finished(outcome)
                } else {
                    result[id] = .active(state)
                }
            } else {
                result[id] = .unknown
            }
        }
        return result
    }

    /// Full records of the jobs matching `condition` (on `jobs`), by id.
    func jobRecords(_ db: Database, where condition: String, _ arguments: StatementArguments = []) throws -> [JobRecord] {
        let decoder = Self.decoder()
        var dependencies: [Int: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT job_id, parent_id FROM job_dependencies WHERE job_id IN (SELECT id FROM jobs WHERE \(condition))
            ORDER BY job_id, parent_id
            """, arguments: arguments) {
            dependencies[row["job_id"], default: []].append(row["parent_id"])
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Self.summaryColumnNames.map { "jobs." + $0 }.joined(separator: ", ")), jobs.lifecycle, jobs.template, jobs.environment, jobs.working_directory,
                arrays.size AS array_size, arrays.start AS array_start, arrays.increment AS array_increment
            FROM jobs LEFT JOIN arrays ON arrays.id = jobs.array_id
            WHERE \(condition) ORDER BY jobs.id
            """, arguments: arguments)
        var records: [JobRecord] = []
        // The tasks of an array share one template text: parse it once.
        var templates: [String: JobTemplate] = [:]
        while let row = try rows.next() {
            let summary = try Self.storedJob(row)
            let text: String = row["template"]
            let key = summary.name + "\u{0}" + text
            let template = try templates[key] ?? Self.template(text, name: summary.name, jobID: summary.id)
            templates[key] = template
            let membership = summary.arrayID.map {
                ArrayMembership(arrayID: $0, taskID: summary.taskID, size: row["array_size"] ?? 0,
                                start: row["array_start"] ?? 0, increment: row["array_increment"] ?? 1)
            }
            records.append(JobRecord(
                summary: summary, lifecycle: try Self.lifecycle(from: row["lifecycle"], jobID: summary.id, decoder: decoder),
                template: template, templateText: text,
                array: membership, dependencies: dependencies[summary.id] ?? [], environment: row["environment"],
                workingDirectory: row["working_directory"]))
        }
        return records
    }

    static func template(_ text: String, name: String, jobID: Int) throws -> JobTemplate {
        do {
            var template = try JobTemplate.parse(text, file: "job.template")
            template.name = name.isEmpty ? nil : name
            return template
        } catch {
            throw StoreError(.corruptRecord, "the stored template of job \(jobID) does not parse", jobID: jobID, underlying: error)
        }
    }

    static func historyRecord(_ row: Row) -> HistoryRecord {
        var record = HistoryRecord(host: HostRef(id: row["host_id"], name: row["host_name"], lrms: row["lrms"], queue: row["queue"]),
                                   start: date(row["start_time"])!)
        record.end = date(row["end_time"])
        record.prologStart = date(row["prolog_start"])
        record.prologEnd = date(row["prolog_end"])
        record.wrapperStart = date(row["wrapper_start"])
        record.wrapperEnd = date(row["wrapper_end"])
        record.epilogStart = date(row["epilog_start"])
        record.epilogEnd = date(row["epilog_end"])
        record.migrationStart = date(row["migration_start"])
        record.migrationEnd = date(row["migration_end"])
        record.reason = HistoryReason(rawValue: row["reason"]) ?? .none
        record.message = row["message"]
        return record
    }
}
