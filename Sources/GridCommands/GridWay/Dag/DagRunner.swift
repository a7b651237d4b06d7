import Foundation
import GridMiddleware
import GridTools
import GridWire

/// Runs a DAG through gwd: PRE scripts, submissions in topological order with their parents'
/// job ids as dependencies (gwd holds each child until its parents are done), then a wait loop
/// that runs POST scripts as jobs end.
final class DagRunner {
    let dag: DagFile
    /// The DAG file's directory: templates and scripts are relative to it.
    let directory: String
    let link: GwdLink
    let proxy: String
    let context: ToolContext
    let verbose: Bool

    /// By the job's name in upper case (DAG names ignore case).
    private var outcomes: [String: DagOutcome] = [:]

    init(dag: DagFile, directory: String, link: GwdLink, proxy: String, context: ToolContext, verbose: Bool) {
        self.dag = dag
        self.directory = directory
        self.link = link
        self.proxy = proxy
        self.context = context
        self.verbose = verbose
    }

    /// Every job's outcome, in topological order.
    func run() throws -> [DagOutcome] {
        let order = dag.topologicalOrder()
        for name in order {
            guard let job = dag.job(named: name) else { continue }
            outcomes[name.uppercased()] = try start(job)
        }
        try waitForSubmittedJobs()
        return order.compactMap { outcomes[$0.uppercased()] }
    }

    /// PRE, then submission; a job whose parent never reached gwd is skipped (gwd cannot hold it for a job it has not got).
    private func start(_ job: DagFile.Job) throws -> DagOutcome {
        var outcome = DagOutcome(name: job.name, state: .done)
        if job.done {
            outcome.note = "DONE in the DAG file"
            return outcome
        }
        let parents = dag.parents(of: job.name).compactMap { outcomes[$0.uppercased()].map { (name: $0.name, outcome: $0) } }
        if let missing = parents.first(where: { $0.outcome.jobID == nil && !$0.outcome.succeeded }) {
            outcome.state = .skipped
            outcome.note = "parent \(missing.name) was not submitted"
            return outcome
        }
        if let pre = job.pre {
            let status = try DagScript(script: pre, directory: directory).run(job: job.name, jobID: nil, exitCode: nil, context: context)
            guard status == 0 else {
                outcome.state = .failed
                outcome.note = "PRE script exited \(status)"
                return outcome
            }
        }
        do {
            let id = try submit(job, dependencies: parents.compactMap(\.outcome.jobID))
            outcome.jobID = id
            outcome.state = .failed  // until the wait says otherwise
            say("\(job.name): submitted as job \(id)")
        } catch let error as GridToolsError {
            context.standardError(error.renderedAsFailure())
            outcome.state = .failed
            outcome.note = "not submitted: \(error.summary)"
        }
        return outcome
    }

    private func submit(_ job: DagFile.Job, dependencies: [Int]) throws -> Int {
        let path = URL(fileURLWithPath: job.template.hasPrefix("/") ? job.template : directory + "/" + job.template).standardizedFileURL
        let text = try GwSubmit.readTemplate(path.path, as: job.template)
        let options = SubmitOptions(dependencies: dependencies, workingDirectory: path.deletingLastPathComponent().path)
        let request = SubmitRequest(template: text, templateName: path.lastPathComponent, options: options, proxy: proxy)
        let result = try link.call { try await $0.submit(request) }
        guard let id = result.jobIDs.first else {
            throw GridToolsError("gwd accepted job \(job.name) but sent no job id", hint: "gwps shows whether it is there")
        }
        return id
    }

    /// Waits for any submitted job to end, runs its POST, until none is left. Jobs are kept
    /// (not freed) so that gwps and gwhistory can still show them afterwards.
    private func waitForSubmittedJobs() throws {
        var waiting = Dictionary(uniqueKeysWithValues: outcomes.values.compactMap { outcome in outcome.jobID.map { ($0, outcome.name) } })
        while !waiting.isEmpty {
            let request = WaitRequest(ids: waiting.keys.sorted(), any: true, keep: true)
            let result = try link.call { try await $0.wait(request) }
            let ended = result.jobs.filter { waiting[$0.id] != nil && JobState(rawValue: $0.state)?.isFinal == true }
            if ended.isEmpty {
                // Nothing ended (gwd's wait gave up early): ask again, without spinning.
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            for exit in ended {
                guard let name = waiting.removeValue(forKey: exit.id) else { continue }
                try finish(name, exit)
            }
        }
    }

    private func finish(_ name: String, _ exit: JobExit) throws {
        guard var outcome = outcomes[name.uppercased()], let job = dag.job(named: name) else { return }
        outcome.state = exit.state == JobState.done.rawValue ? .done : .failed
        outcome.exitCode = exit.exitCode
        if outcome.state == .failed { outcome.note = "gwps -f \(exit.id) shows why" }
        say("\(name): job \(exit.id) \(outcome.state.rawValue)" + (outcome.state == .done ? ", exit \(exit.exitCode ?? 0)" : ""))
        if let post = job.post {
            let status = try DagScript(script: post, directory: directory).run(job: name, jobID: exit.id, exitCode: exit.exitCode, context: context)
            if status != 0 {
                outcome.state = .failed
                outcome.note = "POST script exited \(status)"
            }
        }
        outcomes[name.uppercased()] = outcome
    }

    private func say(_ text: String) {
        if verbose { context.standardOutput("gwdag: \(text)\n") }
    }
}
