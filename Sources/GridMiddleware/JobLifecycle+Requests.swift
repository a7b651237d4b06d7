import Foundation

/// The user's requests (gwkill and its flags).
extension JobLifecycle {
    mutating func kill(at now: Date) throws -> [JobAction] {
        switch state {
        case .initial:
            throw wrongState("kill it")
        case .pending, .hold, .stopped:
            return finish(.killed, at: now)
        case .prolog:
            guard let host else { return finish(.killed, at: now) }
            interruption = .kill
            updateRecord { $0.prologEnd = now; $0.epilogStart = now }
            return enter(.epilog) + [.abortTransfers(host), .cleanUp(host)]
        case .wrapper:
            guard let host else { return finish(.killed, at: now) }
            interruption = .kill
            return enter(.cancelling) + [.cancelWrapper(host)]
        case .epilog, .cancelling, .migrating:
            // Already leaving the host: let that finish, then free the job.
            interruption = .kill
            return []
        case .done, .failed:
            return [.free]
        }
    }

    mutating func hold() throws -> [JobAction] {
        guard state == .pending else { throw wrongState("hold it", hint: "only pending jobs can be held") }
        userHold = true
        return enter(.hold)
    }

    mutating func release() throws -> [JobAction] {
        guard state == .hold, userHold else {
            if state == .hold {
                throw wrongState("release it", hint: "it waits for jobs \(Self.list(waitingFor)), not for a release")
            }
            throw wrongState("release it", hint: "only held jobs can be released")
        }
        userHold = false
        note = nil
        guard waitingFor.isEmpty else {
            note = "released; still waiting for jobs \(Self.list(waitingFor))"
            return [.log(note!)]
        }
        return enter(.pending) + [.requestSchedule]
    }

    mutating func stop(at now: Date) throws -> [JobAction] {
        guard state == .wrapper, interruption == nil, let host else {
            throw wrongState("stop it", hint: "only running jobs (wrap) can be stopped")
        }
        interruption = .stop
        return enter(.cancelling) + [.cancelWrapper(host)]
    }

    mutating func resume() throws -> [JobAction] {
        guard state == .stopped else { throw wrongState("resume it", hint: "only stopped jobs can be resumed") }
        return enter(.pending) + [.requestSchedule]
    }

    mutating func reschedule(at now: Date) throws -> [JobAction] {
        switch state {
        case .pending:
            return []
        case .prolog where interruption == nil:
            guard let host else { break }
            interruption = .migrate
            updateRecord { $0.migrationStart = now; $0.prologEnd = now; $0.epilogStart = now }
            return enter(.migrating) + [.abortTransfers(host), .cleanUp(host)]
        case .wrapper where interruption == nil:
            guard let host else { break }
            interruption = .migrate
            updateRecord { $0.migrationStart = now }
            return enter(.migrating) + [.cancelWrapper(host)]
        default:
            break
        }
        throw wrongState("reschedule it", hint: "pending, prolog and running jobs can be rescheduled")
    }
}
