import Foundation
import GRDB
import GridMiddleware

/// gwsubmit: ids from the counters, the jobs, their dependencies and first state, in one transaction.
extension JobStore {
    /// Submits one job; returns it with its id and the actions of the submit event.
    public func submit(_ submission: JobSubmission, at now: Date) throws -> SubmittedJob {
        try submit([submission], at: now)[0]
    }

    /// Submits several single jobs in one transaction (all or none), with consecutive ids.
    public func submit(_ submissions: [JobSubmission], at now: Date) throws -> [SubmittedJob] {
        guard !submissions.isEmpty else { return [] }
        let (jobs, operations) = try write("submit \(submissions.count) job(s)") { db in
            try insert(db, submissions.map { ($0, nil) }, at: now)
        }
        view?.perform(operations)
        return jobs
    }

    /// gwsubmit -n: one array id and `spec.tasks` jobs with TASK_ID 0..n-1 and consecutive job
    /// ids, in one transaction (all tasks or none).
    public func submitArray(_ submission: JobSubmission, _ spec: ArraySpec, at now: Date) throws -> SubmittedArray {
        guard spec.tasks > 0 else {
            throw StoreError(.invalidSubmission, "an array needs at least one task, not \(spec.tasks)",
                             hint: "use gwsubmit -n with a positive number")
        }
        let (array, operations) = try write("submit an array of \(spec.tasks) tasks") { db -> (SubmittedArray, [JobView.Operation]) in
            let arrayID = try Self.allocate(1, from: "array", db)
            try db.execute(sql: "INSERT INTO arrays (id, size, start, increment, user, submit_time) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [arrayID, spec.tasks, spec.start, spec.increment, submission.owner.user,
                                       now.timeIntervalSince1970])
            let tasks = (0..<spec.tasks).map { task in
                (submission, ArrayMembership(arrayID: arrayID, taskID: task, size: spec.tasks, start: spec.start,
                                             increment: spec.increment) as ArrayMembership?)
            }
            let (jobs, operations) = try insert(db, tasks, at: now)
            return (SubmittedArray(arrayID: arrayID, jobs: jobs), operations)
        }
        view?.perform(operations)
        return array
    }

    /// Allocates ids and inserts `entries` (inside the caller's transaction).
    func insert(_ db: Database, _ entries: [(JobSubmission, ArrayMembership?)], at now: Date) throws
        -> ([SubmittedJob], [JobView.Operation]) {
        let parents = try dependencyStatuses(db, Set(entries.flatMap { $0.0.dependencies }))
        if let unknown = parents.filter({ $0.value == .unknown }).keys.min() {
            throw StoreError(.unknownDependency, "job \(unknown) does not exist, so no job can depend on it",
                             hint: "check the ids given to gwsubmit -d or JOB_DEPENDENCIES (gwps lists the jobs)")
        }
        let firstID = try Self.allocate(entries.count, from: "job", db)
        let encoder = Self.encoder()
        let insertJob = try db.cachedStatement(sql: """
            INSERT INTO jobs (id, array_id, task_id, user, uid, dn, name, template, submit_time, priority, deadline, type,
                np, working_directory, \(Self.lifecycleColumns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: 14 + Self.lifecycleColumns.count).joined(separator: ", ")))
            """)
        let insertDependency = try db.cachedStatement(sql: "INSERT OR IGNORE INTO job_dependencies (job_id, parent_id) VALUES (?, ?)")
        var templateTexts: [JobTemplate: String] = [:]
        var submitted: [SubmittedJob] = []
        var operations: [JobView.Operation] = []
        submitted.reserveCapacity(entries.count)
        for (offset, (submission, membership)) in entries.enumerated() {
            let id = firstID + offset
            let text = templateTexts[submission.template] ?? submission.template.normalized()
            templateTexts[submission.template] = text
            let (job, actions) = try start(id, submission, parents: parents, at: now)
            let template = submission.template
            let fixed: [(any DatabaseValueConvertible)?] = [
                id, membership?.arrayID, membership?.taskID ?? 0, submission.owner.user, submission.owner.uid,
                submission.owner.dn, submission.name, text, now.timeIntervalSince1970, submission.priority,
                template.deadline, template.type.rawValue, template.np, submission.workingDirectory,
            ]
            try insertJob.execute(arguments: StatementArguments(fixed + Self.lifecycleValues(job, encoder: encoder, now: now)))
            for parent in Set(submission.dependencies) { try insertDependency.execute(arguments: [id, parent]) }
            let context = JobContext(id: id, user: submission.owner.user, submitTime: now, before: .initial)
            let lines = try recordEffects(db, context, job, actions: actions, reason: nil, extraLog: [], now: now)
            var files: [JobFile: String] = [.template: text, .state: Self.joinedLines(lines.state), .log: Self.joinedLines(lines.log)]
            if !lines.history.isEmpty { files[.history] = Self.joinedLines(lines.history) }
            operations.append(.create(id, files))
            submitted.append(SubmittedJob(id: id, arrayID: membership?.arrayID, taskID: membership?.taskID ?? 0,
                                          lifecycle: job, actions: actions))
        }
        for (user, count) in Dictionary(grouping: entries, by: { $0.0.owner.user }).mapValues(\.count) {
            try db.execute(sql: """
                INSERT INTO accounting_users (user, submitted) VALUES (?, ?)
                ON CONFLICT(user) DO UPDATE SET submitted = submitted + excluded.submitted
                """, arguments: [user, count])
        }
        try inject("submit.inserted")
        return (submitted, operations)
    }

    static func joinedLines(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    /// The state machine of a new job after `submit`: it waits for the parents that are not
    /// done; a parent that already failed or was killed is reported to it at once.
    func start(_ id: Int, _ submission: JobSubmission, parents: [Int: DependencyStatus], at now: Date) throws
        -> (JobLifecycle, [JobAction]) {
        var job = JobLifecycle(jobID: id, options: JobLifecycle.Options(
            template: submission.template, dependencyFailurePolicy: submission.dependencyFailurePolicy))
        var waiting = Set<Int>()
        var failedParents: [(Int, JobOutcome)] = []
        for parent in Set(submission.dependencies) {
            switch parents[parent] {
            case .finished(.done)?: break
            case .finished(let outcome)?: waiting.insert(parent); failedParents.append((parent, outcome))
            default: waiting.insert(parent)
            }
        }
        do {
            var actions = try job.handle(submission.held ? .submitHeld(dependencies: waiting) : .submit(dependencies: waiting), at: now)
            for (parent, outcome) in failedParents.sorted(by: { $0.0 < $1.0 }) where job.waitingFor.contains(parent) {
                actions += try job.handle(.dependencyFailed(parent: parent, reason: outcome.description), at: now)
            }
            return (job, actions)
        } catch {
            throw StoreError(.invalidSubmission, "job \(id) could not be submitted", jobID: id, underlying: error)
        }
    }
}
