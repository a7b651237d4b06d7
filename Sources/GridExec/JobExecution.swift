import Foundation
import GridMiddleware
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One run of one job: prolog (directory, stage-in), the program as the mapped user,
/// epilog (stage-out), clean-up. Reports each step on the job's event stream.
struct JobExecution: Sendable {
    let spec: JobSpec
    let configuration: JobRunnerConfiguration
    let sink: any StageOutSink
    let job: RunningJob

    /// The job's directory, made at the start of the prolog.
    struct Workspace {
        var user: LocalUser
        var plan: JobPlan
        var root: JobsRoot
        var directory: JobDirectory
    }

    /// What the prolog leaves for the run and the epilog.
    struct Prepared {
        var workspace: Workspace
        var stdin: FileDescriptor
        var stdout: FileDescriptor
        var stderr: FileDescriptor

        var user: LocalUser { workspace.user }
        var plan: JobPlan { workspace.plan }
        var directory: JobDirectory { workspace.directory }
    }

    func run() async -> JobRunResult {
        var workspace: Workspace?
        let result: JobRunResult
        do {
            let made = try makeWorkspace()
            workspace = made
            let ready = try await stageIn(made)
            emit(.prologDone)
            result = try await execute(ready)
        } catch {
            let failure = (error as? ExecError ?? ExecError(.io, "the job could not be run", underlying: error))
                .forJob(spec.jobID)
            emit(.failed(failure))
            result = .failed(failure)
        }
        if let workspace { cleanUp(workspace, after: result) }
        job.continuation.finish()
        return result
    }

    /// Runs the program, waits for it, then stages out (unless cancelled).
    private func execute(_ ready: Prepared) async throws -> JobRunResult {
        if job.isCancelRequested {
            emit(.cancelled)
            return .cancelled
        }
        let process = try JobProcess.spawn(argv: command(ready), environment: environment(ready.user, ready.plan),
                                           directory: ready.directory.path, stdin: ready.stdin.raw,
                                           stdout: ready.stdout.raw, stderr: ready.stderr.raw)
        job.attach(process)
        emit(.started(pid: process.pid))
        let status = await process.waitForExit()
        if job.isCancelRequested {
            emit(.cancelled)
            return .cancelled
        }
        emit(.exited(status))
        try await epilog(ready)
        emit(.epilogDone)
        return .done(status)
    }

    /// The user-switch tool's command line that runs the program.
    func command(_ ready: Prepared) -> [String] {
        let program: String
        switch ready.plan.program {
        case .staged(let name): program = ready.directory.path + "/" + name
        case .hostPath(let path): program = path
        }
        return configuration.userSwitch.command(user: ready.user, program: program, arguments: ready.plan.arguments)
    }

    /// PATH, HOME, USER, LOGNAME, SHELL; then the template's ENVIRONMENT; then the GW_*
    /// variables (which the template cannot override). `NAME=value` strings.
    func environment(_ user: LocalUser, _ plan: JobPlan) -> [String] {
        var names: [String] = []
        var values: [String: String] = [:]
        func set(_ name: String, _ value: String) {
            if values.updateValue(value, forKey: name) == nil { names.append(name) }
        }
        set("PATH", configuration.defaultPath)
        set("HOME", user.home)
        set("USER", user.name)
        set("LOGNAME", user.name)
        set("SHELL", user.shell)
        for variable in spec.template.environment { set(variable.name, variable.value) }
        let gridWay = spec.variables.gridWayEnvironment(hostname: configuration.hostname, user: user.name,
                                                         restarted: spec.restarted)
        for variable in gridWay { set(variable.name, variable.value) }
        return names.map { "\($0)=\(values[$0]!)" }
    }

    func emit(_ event: JobRunEvent) { job.continuation.yield(event) }

    /// Removes the job's directory as the policy says; a failure is reported, not fatal.
    private func cleanUp(_ workspace: Workspace, after result: JobRunResult) {
        switch (configuration.cleanup, result) {
        case (.never, _), (.keepFailed, .failed): return
        default: break
        }
        do {
            try JobDirectory.removeTree(String(spec.jobID), in: workspace.root.fd)
        } catch {
            emit(.cleanupFailed(ExecError(.jobDirectory, "the job's directory '\(workspace.directory.path)' could not be removed",
                                          jobID: spec.jobID, path: workspace.directory.path, underlying: error)))
        }
    }
}
