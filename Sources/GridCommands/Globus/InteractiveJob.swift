import Foundation
import GridWire

/// One globus-job-run job on a gatekeeper: stage the executable, start, wait, fetch stdout and stderr,
/// clean up.
struct InteractiveJob: Sendable {
    struct StagedFile: Sendable {
        var key: String
        var data: Data
    }

    struct Outcome: Sendable {
        var stdout = Data()
        var stderr = Data()
        var exitCode = 0
    }

    var endpoint: WireEndpoint
    /// The normalised `.jt` text.
    var template: String
    var staged: StagedFile?

    func run(with client: WireClient) async throws -> Outcome {
        let connection = try await client.connect(to: endpoint)
        do {
            let outcome = try await run(on: connection)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    private func run(on connection: WireConnection) async throws -> Outcome {
        // Inputs are staged before the gatekeeper assigns the job id: under a random key of our own.
        let stagingKey = JobAttempt(jobID: -Int.random(in: 1_000_000_000...2_000_000_000), attempt: 0)
        if let staged {
            let file = FileTransfer(job: stagingKey, path: staged.key, mode: 0o755, size: Int64(staged.data.count))
            _ = try await connection.stageIn(file, data: .of(staged.data))
        }
        let start = StartJob(job: stagingKey, template: template, variables: JobVariables(jobID: stagingKey.jobID),
                             inputs: staged.map { [$0.key] } ?? [], interactive: true)
        let job = try await connection.startJob(start).job
        let report = try await connection.waitJob(WaitJob(job: job)).report
        let outcome: Result<Outcome, any Error>
        do {
            outcome = .success(try await collect(report, job: job, on: connection))
        } catch {
            outcome = .failure(error)
        }
        // The gatekeeper keeps an interactive job's end and outputs until told to drop them.
        try? await connection.cleanUp(CleanUpJob(job: job))
        return try outcome.get()
    }

    /// The exit code and the fetched stdout and stderr of a finished job; a failed job is an error.
    private func collect(_ report: JobStateReport, job: JobAttempt, on connection: WireConnection) async throws -> Outcome {
        guard report.state == "done" else {
            throw WireError(.remote, "the job failed on \(endpoint.host): \(report.message ?? report.state)",
                            hint: "check the executable and its arguments; the gatekeeper's log has the details")
        }
        var outcome = Outcome(exitCode: report.exitCode ?? 0)
        for output in report.outputs {
            let (_, data) = try await connection.stageOut(FileTransfer(job: job, path: output.name))
            let bytes = try await data.collect()
            switch output.kind {
            case "stdout": outcome.stdout += bytes
            case "stderr": outcome.stderr += bytes
            default: break
            }
        }
        return outcome
    }
}
