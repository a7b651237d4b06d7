import Foundation
import GridExec
import GridMiddleware
import GridStore
import GridWire

/// The students' requests. A student sees and changes only their own jobs; an administrator all.
extension Gwd {
    struct Caller: Sendable {
        var identity: String
        var user: String
        var isAdministrator: Bool
    }

    func submit(_ request: SubmitRequest, from caller: Caller) throws -> SubmitResult {
        guard let proxy = request.proxy else {
            throw Refusal.make("noProxy", "the submission carries no proxy for the gatekeepers",
                               hint: "use gwsubmit from this vgrid release")
        }
        try vault.accept(proxy, for: caller.identity, now: now())
        let template: JobTemplate
        do {
            template = try JobTemplate.parse(request.template, file: request.templateName ?? "stdin", defaults: settings.templateDefaults)
            _ = try TemplateVariables(jobID: 0).applyChecked(to: template)
        } catch {
            throw Refusal.wrapping(error, code: "badTemplate")
        }
        if let priority = request.options.priority {
            guard (0...20).contains(priority) else {
                throw Refusal.make("badPriority", "priority \(priority) is out of range", hint: "use -p 0 to 19 (20, urgent, is for administrators)")
            }
            if priority == 20, !caller.isAdministrator {
                throw Refusal.make("notAdministrator", "only an administrator may submit urgent jobs (-p 20)", hint: "use -p 0 to 19")
            }
        }
        let uid = (try? LocalUser.lookup(caller.user)).map { Int($0.uid) } ?? -1
        let owner = JobOwner(user: caller.user, uid: uid, dn: caller.identity)
        let dependencies = request.options.dependencies.isEmpty ? nil : request.options.dependencies
        let submission = JobSubmission(
            owner: owner, template: template, name: template.name ?? request.templateName.map(Self.baseName),
            priority: request.options.priority, dependencies: dependencies.map { $0 + template.dependencies },
            held: request.options.hold, dependencyFailurePolicy: .fail, workingDirectory: request.options.workingDirectory)
        let time = now()
        do {
            if let tasks = request.options.arrayTasks {
                let spec = ArraySpec(tasks: tasks, start: request.options.arrayStart, increment: request.options.arrayIncrement)
                let array = try store.submitArray(submission, spec, at: time)
                for job in array.jobs {
                    let membership = ArrayMembership(arrayID: array.arrayID, taskID: job.taskID, size: tasks, start: spec.start,
                                                     increment: spec.increment)
                    admit(job, submission, membership, at: time)
                }
                log("\(caller.user) submitted array \(array.arrayID): jobs \(array.jobIDs.first!)-\(array.jobIDs.last!)")
                return SubmitResult(jobIDs: array.jobIDs, arrayID: array.arrayID)
            }
            let job = try store.submit(submission, at: time)
            admit(job, submission, nil, at: time)
            log("\(caller.user) submitted job \(job.id)")
            return SubmitResult(jobIDs: [job.id])
        } catch {
            throw Refusal.wrapping(error, code: "submitFailed")
        }
    }

    private func admit(_ job: SubmittedJob, _ submission: JobSubmission, _ array: ArrayMembership?, at time: Date) {
        active[job.id] = ActiveJob(submitted: job, submission: submission, array: array, at: time)
        perform(job.actions, jobID: job.id, at: time)
        if job.lifecycle.state.isFinal { active[job.id] = nil }
        if scheduleRequested { enqueue([]) }
    }

    private static func baseName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    func listJobs(_ query: JobQuery, from caller: Caller) throws -> JobList {
        var filter = JobFilter(arrayID: query.arrayID, jobIDs: query.ids.isEmpty ? nil : query.ids)
        filter.user = caller.isAdministrator ? query.user : caller.user
        let time = now()
        do {
            let states = Set(query.states)
            let jobs = try store.jobs(matching: filter).filter { states.isEmpty || states.contains($0.state.rawValue) }
            return JobList(jobs: jobs.map { Self.info($0.status(now: time, clientWaiting: waiting(for: $0.id))) })
        } catch {
            throw Refusal.wrapping(error, code: "listFailed")
        }
    }

    static func info(_ status: JobStatus) -> JobInfo {
        JobInfo(id: status.id, user: status.user, uid: status.uid, name: status.name, state: status.state.rawValue,
                executionState: status.executionState.rawValue, stateLetter: String(status.stateLetter), start: status.start,
                end: status.end, executionSeconds: status.executionSeconds, transferSeconds: status.transferSeconds,
                exitCode: status.exitCode, host: status.host, arrayID: status.arrayID, taskID: status.taskID,
                restarted: status.restarted, clientWaiting: status.clientWaiting, reschedule: status.reschedule,
                fixedPriority: status.fixedPriority, type: status.type.rawValue, np: status.np, deadline: status.deadline,
                note: status.note)
    }

    func listHosts(_ query: HostQuery, from caller: Caller) throws -> HostList {
        var used: [Int: Int] = [:]
        for job in active.values where job.isOnHost {
            if let host = job.lifecycle.host { used[host.id, default: 0] += job.template.np }
        }
        let selected = hosts.hosts.filter { !$0.isRemoved && (query.ids.isEmpty || query.ids.contains($0.id)) }
        let infos = selected.map { host in
            var attributes: [String: WireValue] = [:]
            if host.isUp {
                for (key, value) in host.attributes.values {
                    switch value {
                    case .integer(let number): attributes[key] = .integer(number)
                    case .string(let text): attributes[key] = .string(text)
                    }
                }
            }
            return HostInfo(id: host.id, name: host.name, priority: settings.scheduler.hostPriority(name: host.name),
                            usedSlots: used[host.id, default: 0], attributes: attributes, lastSeen: host.lastSeen)
        }
        var matches: [HostMatchInfo] = []
        if let jobID = query.matchingJob {
            guard let job = active[jobID], caller.isAdministrator || job.owner.user == caller.user else {
                throw Refusal.make("unknownJob", "job \(jobID) is not pending or running (or is not yours)", hint: "gwps lists your jobs")
            }
            for host in hosts.hosts where host.isUp {
                guard job.template.requirements.matches(host.attributes) else { continue }
                let priority = settings.scheduler.hostPriority(name: host.name)
                let rank = job.template.rank.evaluate(host.attributes, hostPriority: priority)
                matches.append(HostMatchInfo(hostID: host.id, queue: host.ref.queue, rank: rank, priority: priority))
            }
        }
        return HostList(hosts: infos, matches: matches)
    }

    func history(_ query: HistoryQuery, from caller: Caller) throws -> JobHistory {
        do {
            guard let job = try store.job(query.jobID), caller.isAdministrator || job.owner.user == caller.user else {
                throw Refusal.make("unknownJob", "job \(query.jobID) does not exist (or is not yours)", hint: "gwps lists your jobs")
            }
            let records = try store.history(of: query.jobID)
            let data = try JSONEncoder().encode(records)
            return JobHistory(jobID: query.jobID, entries: try JSONDecoder().decode([HistoryEntry].self, from: data))
        } catch {
            throw Refusal.wrapping(error, code: "historyFailed")
        }
    }

    func accounting(_ query: AccountingQuery, from caller: Caller) throws -> AccountingReport {
        let user = caller.isAdministrator ? query.user : caller.user
        do {
            switch query.groupBy {
            case .user:
                return AccountingReport(rows: try store.userAccounting(user: user).map {
                    AccountingRow(name: $0.user, executionSeconds: $0.executionSeconds, transferSeconds: $0.transferSeconds,
                                  succeeded: $0.done, failed: $0.failed, killed: $0.killed)
                })
            case .host:
                let rows = try store.hostAccounting(user: user, host: query.host)
                let byHost = Dictionary(grouping: rows, by: \.host)
                return AccountingReport(rows: byHost.keys.sorted().map { host in
                    let group = byHost[host]!
                    return AccountingRow(name: host, executionSeconds: group.reduce(0) { $0 + $1.wrapperSeconds },
                                         transferSeconds: group.reduce(0) { $0 + $1.transferSeconds },
                                         succeeded: group.reduce(0) { $0 + $1.succeeded }, failed: group.reduce(0) { $0 + $1.failed },
                                         killed: group.reduce(0) { $0 + $1.killed },
                                         migrated: group.reduce(0) { $0 + ($1.migrationSeconds > 0 ? 1 : 0) })
                })
            }
        } catch {
            throw Refusal.wrapping(error, code: "accountingFailed")
        }
    }

    /// The uid of a local account (for users whose jobs were all freed).
    nonisolated static func localUID(_ user: String) -> Int? {
        getpwnam(user).map { Int($0.pointee.pw_uid) }
    }

    func users(from caller: Caller) throws -> UserList {
        do {
            let users = try store.users().filter { caller.isAdministrator || $0.user == caller.user }
            return UserList(users: users.map { 
                UserInfo(user: $0.user, uid: $0.uid >= 0 ? $0.uid : Gwd.localUID($0.user) ?? -1, dn: $0.dn, jobs: $0.jobs,
                         running: $0.running, done: $0.done, failed: $0.failed)
            })
        } catch {
            throw Refusal.wrapping(error, code: "usersFailed")
        }
    }

    func signal(_ request: SignalRequest, from caller: Caller) throws -> SignalResult {
        var outcomes: [SignalOutcome] = []
        var events: [(Int, JobEvent, String?)] = []
        var toFree: [Int] = []
        for id in request.ids {
            let stored = try? store.job(id)
            guard let stored, caller.isAdministrator || stored.owner.user == caller.user else {
                outcomes.append(SignalOutcome(id: id, accepted: false, message: "job \(id) does not exist (or is not yours)"))
                continue
            }
            guard var job = active[id] else {
                // Final jobs: kill frees them, as in GridWay.
                if request.signal == .kill {
                    toFree.append(id)
                    outcomes.append(SignalOutcome(id: id, accepted: true))
                } else {
                    outcomes.append(SignalOutcome(id: id, accepted: false, message: "job \(id) is \(stored.state.rawValue): wrong job state"))
                }
                continue
            }
            let event: JobEvent
            switch request.signal {
            case .kill: event = .kill
            case .stop: event = .stop
            case .hold: event = .hold
            case .release: event = .release
            case .resume: event = .resume
            case .reschedule: event = .reschedule
            }
            // Try it on a copy first, so a refused signal is answered (wrong job state) and not queued.
            do {
                _ = try job.lifecycle.handle(event, at: now())
            } catch {
                outcomes.append(SignalOutcome(id: id, accepted: false, message: Refusal.wrapping(error, code: "wrongState").message))
                continue
            }
            events.append((id, event, "\(request.signal.rawValue) requested by \(caller.user)"))
            if request.hard, request.signal == .kill, job.lifecycle.state == .cancelling {
                // -9: do not wait for the gatekeeper to confirm the cancel; its late report is dropped.
                events.append((id, .exited(code: 137), "killed with -9 without waiting for the gatekeeper"))
            }
            outcomes.append(SignalOutcome(id: id, accepted: true))
        }
        if !toFree.isEmpty { free(toFree) }
        enqueue(events)
        return SignalResult(outcomes: outcomes)
    }
}
