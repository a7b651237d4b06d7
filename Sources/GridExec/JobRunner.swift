import GridMiddleware

/// The job-execution engine of a workernode's gatekeeper.
///
/// Transport-independent: the gatekeeper daemon turns gwd's requests into `start`,
/// `cancel`, `stop` and `resume`, forwards each job's `events`, and implements
/// `StageOutSink` to send the outputs back.
///
/// ```swift
/// let runner = JobRunner(configuration: .init(userSwitch: .detect()!, totalSlots: 2))
/// let job = try await runner.start(spec, stageOut: sink)
/// for await event in job.events { ... }   // prologDone, started(pid), exited, epilogDone
/// let result = await job.result             // .done(.code(3)), .failed(error), .cancelled
/// ```
public actor JobRunner {
    public nonisolated let configuration: JobRunnerConfiguration
    private var jobs: [Int: RunningJob] = [:]

    public init(configuration: JobRunnerConfiguration) {
        self.configuration = configuration
    }

    /// Starts the prolog of a job and returns at once; the job holds a slot until its
    /// result is known. Throws `.duplicateJob` or `.noFreeSlot`; everything else is reported
    /// on the job's events and result.
    @discardableResult
    public func start(_ spec: JobSpec, stageOut sink: any StageOutSink) throws -> RunningJob {
        guard jobs[spec.jobID] == nil else {
            throw ExecError(.duplicateJob, "job \(spec.jobID) is already on this host", jobID: spec.jobID)
        }
        guard jobs.count < configuration.totalSlots else {
            throw ExecError(.noFreeSlot, "all \(configuration.totalSlots) slots of this host are in use",
                            hint: "wait for a job to end, or give the host more slots", jobID: spec.jobID)
        }
        let job = RunningJob(jobID: spec.jobID, killGracePeriod: configuration.killGracePeriod)
        let execution = JobExecution(spec: spec, configuration: configuration, sink: sink, job: job)
        jobs[spec.jobID] = job
        job.start { [weak self] in
            let result = await execution.run()
            await self?.finished(spec.jobID)
            return result
        }
        return job
    }

    /// The job with this id while it is on the host.
    public func job(_ jobID: Int) -> RunningJob? { jobs[jobID] }

    /// Ids of the jobs on the host.
    public var jobIDs: [Int] { jobs.keys.sorted() }

    /// Slots in use: jobs between the start of their prolog and the end of their epilog.
    public var slots: Slots { Slots(total: configuration.totalSlots, used: jobs.count) }

    /// gwkill: see `RunningJob.cancel()`.
    public func cancel(jobID: Int) throws { try existing(jobID).cancel() }

    /// gwkill -t: see `RunningJob.stop()`.
    public func stop(jobID: Int) throws { try existing(jobID).stop() }

    /// gwkill -r: see `RunningJob.resume()`.
    public func resume(jobID: Int) throws { try existing(jobID).resume() }

    /// The host's attributes for gwhost and REQUIREMENTS, with this runner's slots.
    public func hostAttributes(probe: HostProbe? = nil) async -> HostAttributes {
        let probe = probe ?? HostProbe(hostname: configuration.hostname, diskPath: configuration.jobsDirectory)
        return await probe.attributes(slots: slots)
    }

    private func existing(_ jobID: Int) throws -> RunningJob {
        guard let job = jobs[jobID] else {
            throw ExecError(.wrongState, "job \(jobID) is not on this host", jobID: jobID)
        }
        return job
    }

    private func finished(_ jobID: Int) {
        jobs[jobID] = nil
    }
}
