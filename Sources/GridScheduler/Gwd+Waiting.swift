import Foundation
import GridMiddleware
import GridStore
import GridWire

/// gwwait: clients parked until their jobs end (woken by `notifyWaiters`, never by polling).
extension Gwd {
    struct Waiter {
        var ids: [Int]
        var any: Bool
        var keep: Bool
        var continuation: CheckedContinuation<WaitResult, any Error>
    }

    func wait(_ request: WaitRequest, from caller: Caller) async throws -> WaitResult {
        guard !request.ids.isEmpty else {
            throw Refusal.make("noJobs", "no job to wait for", hint: "give job ids, or -A with an array id")
        }
        for id in request.ids where active[id] == nil {
            guard let stored = try? store.job(id) else {
                if case .finished? = (try? store.dependencyStatus(of: [id]))?[id] { continue }
                throw Refusal.make("unknownJob", "job \(id) does not exist", hint: "gwps lists your jobs")
            }
            guard caller.isAdministrator || stored.owner.user == caller.user else {
                throw Refusal.make("notYours", "job \(id) belongs to \(stored.owner.user)", hint: "you can wait only for your own jobs")
            }
        }
        for id in request.ids {
            if let job = active[id], !caller.isAdministrator, job.owner.user != caller.user {
                throw Refusal.make("notYours", "job \(id) belongs to \(job.owner.user)", hint: "you can wait only for your own jobs")
            }
        }
        if let result = try result(ids: request.ids, any: request.any) {
            if !request.keep { free(result.jobs.filter { ["done", "fail"].contains($0.state) }.map(\.id)) }
            return result
        }
        let token = UUID()
        let keep = request.keep
        let ids = request.ids
        return try await withCheckedThrowingContinuation { continuation in
            waiters[token] = Waiter(ids: request.ids, any: request.any, keep: keep, continuation: continuation)
            if let seconds = request.timeoutSeconds {
                Task {
                    try? await Task.sleep(for: .seconds(seconds))
                    await self.timeOut(token, ids: ids)
                }
            }
        }
    }

    /// The jobs' ends, when the wait is over (all ended, or any one with `any`); nil while it is not.
    private func result(ids: [Int], any: Bool) throws -> WaitResult? {
        // In memory first: a job still active has not ended (cheap for a 1000-task array).
        let ended = ids.filter { active[$0] == nil }
        if any ? ended.isEmpty : ended.count < ids.count { return nil }
        return WaitResult(jobs: try exits(ids))
    }

    private func exits(_ ids: [Int]) throws -> [JobExit] {
        let stored = Dictionary(uniqueKeysWithValues: try store.jobs(matching: JobFilter(jobIDs: ids)).map { ($0.id, $0) })
        let missing = Set(ids).subtracting(stored.keys)
        let tombstones = missing.isEmpty ? [:] : try store.dependencyStatus(of: missing)
        return ids.map { id in
            if let job = stored[id] { return JobExit(id: id, state: job.state.rawValue, exitCode: job.state == .done ? job.exitCode : nil) }
            if case .finished(let outcome)? = tombstones[id] {
                switch outcome {
                case .done(let code): return JobExit(id: id, state: JobState.done.rawValue, exitCode: code)
                default: return JobExit(id: id, state: JobState.failed.rawValue)
                }
            }
            return JobExit(id: id, state: "----")
        }
    }

    func wakeWaiters() {
        for (token, waiter) in waiters {
            guard let result = try? result(ids: waiter.ids, any: waiter.any) else { continue }
            waiters[token] = nil
            if !waiter.keep { free(result.jobs.filter { ["done", "fail"].contains($0.state) }.map(\.id)) }
            waiter.continuation.resume(returning: result)
        }
    }

    private func timeOut(_ token: UUID, ids: [Int]) {
        guard let waiter = waiters.removeValue(forKey: token) else { return }
        let jobs = (try? exits(ids)) ?? ids.map { JobExit(id: $0, state: active[$0]?.lifecycle.state.rawValue ?? "----") }
        waiter.continuation.resume(returning: WaitResult(jobs: jobs, timedOut: true))
    }

    /// gwps's WAIT column: clients waiting for the job.
    func waiting(for id: Int) -> Int {
        waiters.values.reduce(0) { $0 + ($1.ids.contains(id) ? 1 : 0) }
    }

    /// Ends every wait (shutdown): the clients get an error and can wait again after the restart.
    func cancelWaiters() {
        for waiter in waiters.values {
            waiter.continuation.resume(throwing: WireError(.shuttingDown, "gwd is shutting down", hint: "wait again once gwd is back"))
        }
        waiters = [:]
    }
}
