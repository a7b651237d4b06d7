import Foundation

/// Submission, dependencies and the normal run: dispatch, prolog, wrapper, epilog, failures.
extension JobLifecycle {
    mutating func submit(held: Bool, dependencies: Set<Int>, at now: Date) throws -> [JobAction] {
        guard state == .initial else { throw wrongState("submit it again") }
        submitTime = now
        waitingFor = dependencies
        userHold = held
        if held || !dependencies.isEmpty {
            var actions = enter(.hold)
            if !dependencies.isEmpty {
                note = "waiting for jobs \(Self.list(dependencies))"
                actions.append(.log(note!))
            }
            return actions
        }
        return enter(.pending) + [.requestSchedule]
    }

    mutating func dependencyDone(_ parent: Int) throws -> [JobAction] {
        guard waitingFor.contains(parent) else {
            throw MiddlewareError(.wrongJobState, "job \(jobID) does not wait for job \(parent)")
        }
        waitingFor.remove(parent)
        guard waitingFor.isEmpty, !userHold, state == .hold else { return [] }
        note = nil
        return enter(.pending) + [.requestSchedule]
    }

    mutating func dependencyFailed(_ parent: Int, reason: String, at now: Date) throws -> [JobAction] {
        guard waitingFor.contains(parent) else {
            throw MiddlewareError(.wrongJobState, "job \(jobID) does not wait for job \(parent)")
        }
        let cause = "dependency job \(parent) \(reason)"
        switch options.dependencyFailurePolicy {
        case .fail:
            waitingFor = []
            return finish(.failed(reason: cause), at: now)
        case .hold:
            // The user decides: release to run anyway, or kill.
            waitingFor.remove(parent)
            userHold = true
            note = "held: \(cause); release it (gwkill -l) to run anyway, or kill it"
            return enter(.hold) + [.log(note!)]
        }
    }

    mutating func dispatch(to host: HostRef, at now: Date) throws -> [JobAction] {
        guard state == .pending else { throw wrongState("dispatch it", hint: "only pending jobs are dispatched") }
        var record = HistoryRecord(host: host, start: now)
        record.prologStart = now
        history.append(record)
        interruption = nil
        executionState = .none
        exitCode = nil
        return enter(.prolog) + [.stageIn(host)]
    }

    mutating func prologDone(at now: Date) throws -> [JobAction] {
        guard state == .prolog, interruption == nil, let host else { throw wrongState("finish a prolog") }
        updateRecord { $0.prologEnd = now; $0.wrapperStart = now }
        executionState = .pending
        return enter(.wrapper) + [.submitWrapper(host)]
    }

    mutating func executionChanged(to newState: ExecutionState) throws -> [JobAction] {
        switch state {
        case .wrapper: executionState = newState
        case .cancelling, .migrating: break  // a report that crossed the cancel: nothing to do
        default: throw wrongState("change its execution state")
        }
        return []
    }

    mutating func exited(code: Int, at now: Date) throws -> [JobAction] {
        guard let host, state == .wrapper || state == .cancelling || state == .migrating else {
            throw wrongState("end its program")
        }
        updateRecord { $0.wrapperEnd = now; $0.epilogStart = now }
        executionState = .done
        switch interruption {
        case nil:
            exitCode = code
            return enter(.epilog) + [.stageOut(host)]
        case .migrate:
            return [.cleanUp(host)]
        case .kill, .stop:
            return enter(.epilog) + [.cleanUp(host)]
        }
    }

    mutating func epilogDone(at now: Date) throws -> [JobAction] {
        guard state == .epilog || state == .migrating, history.last?.epilogStart != nil, host != nil else {
            throw wrongState("finish an epilog")
        }
        updateRecord { $0.epilogEnd = now }
        return leaveHost(at: now, message: nil)
    }

    /// Closes the host record and goes where the interruption (or its absence) leads.
    mutating func leaveHost(at now: Date, message: String?) -> [JobAction] {
        let interrupted = interruption
        interruption = nil
        executionState = .none
        let reason: HistoryReason
        switch interrupted {
        case nil: reason = .none
        case .kill: reason = .kill
        case .stop: reason = .stopResume
        case .migrate: reason = .user
        }
        updateRecord { $0.close(at: now, reason: reason, message: message) }
        let closed = [JobAction.appendHistory(history[history.count - 1])]
        switch interrupted {
        case nil: return finish(.done(exitCode: exitCode ?? 0), at: now, before: closed)
        case .kill: return finish(.killed, at: now, before: closed)
        case .stop: return enter(.stopped) + closed
        case .migrate: return enter(.pending) + closed + [.requestSchedule]
        }
    }

    mutating func failure(_ cause: String, hostLost: Bool, blameHost: Bool = true, at now: Date) throws -> [JobAction] {
        let onHost: Set<JobState> = [.prolog, .wrapper, .epilog, .cancelling, .migrating]
        guard let host, onHost.contains(state) else { throw wrongState("fail on a host") }
        let description = "infrastructure failure on \(host.name): \(cause)"
        if interruption != nil {
            // Already leaving the host on purpose: finish that without a clean-up.
            return leaveHost(at: now, message: description)
        }
        failures += 1
        executionState = .none
        exitCode = nil
        updateRecord { $0.close(at: now, reason: .error, message: description) }
        var actions: [JobAction] = [.appendHistory(history[history.count - 1])]
        if blameHost { actions.append(.reportHostFailure(host)) }
        if !hostLost { actions.append(.discardRemote(host)) }
        if options.rescheduleOnFailure, failures <= options.numberOfRetries {
            note = "\(description); rescheduling (retry \(failures) of \(options.numberOfRetries))"
            return enter(.pending) + actions + [.log(note!), .requestSchedule]
        }
        let reason = options.rescheduleOnFailure
            ? "\(description); gave up after \(failures) attempt\(failures == 1 ? "" : "s") (NUMBER_OF_RETRIES = \(options.numberOfRetries))"
            : "\(description); RESCHEDULE_ON_FAILURE is no"
        return finish(.failed(reason: reason), at: now, before: actions)
    }

    /// Makes the job final: `done`, `fail`, or (killed) `fail` and freed.
    mutating func finish(_ result: JobOutcome, at now: Date, before: [JobAction] = []) -> [JobAction] {
        outcome = result
        exitTime = now
        waitingFor = []
        var actions: [JobAction]
        switch result {
        case .done(let code):
            exitCode = code
            note = nil
            actions = enter(.done)
        case .failed(let reason):
            note = reason
            actions = enter(.failed)
        case .killed:
            note = "killed by its owner"
            actions = enter(.failed)
        }
        actions += before + [.notifyDependants(result), .notifyWaiters]
        if result == .killed { actions.append(.free) }
        return actions
    }

    mutating func updateRecord(_ change: (inout HistoryRecord) -> Void) {
        guard !history.isEmpty else { return }
        change(&history[history.count - 1])
    }

    static func list(_ ids: Set<Int>) -> String {
        ids.sorted().map(String.init).joined(separator: ", ")
    }
}
