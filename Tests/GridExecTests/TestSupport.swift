import Foundation
import GridMiddleware
import Testing
@testable import GridExec

/// The unprivileged account the tests run jobs as; made (useradd -m) when missing.
enum TestUser {
    static let name = "vgrid-exec-test"

    /// True when the tests can switch users (they run as root).
    static let canSwitchUsers = getuid() == 0

    /// Creates the account once per test process (tests run in parallel).
    static let ensured: Bool = {
        if getpwnam(name) != nil { return true }
        let status = run("/usr/sbin/useradd", ["-m", name])
        return status == 0 || getpwnam(name) != nil
    }()

    static func ensure() throws {
        try #require(ensured, "useradd -m \(name) failed")
    }
}

/// Runs a program to its end; its exit status.
@discardableResult
func run(_ path: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

/// A program's standard output.
func output(_ path: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// A scratch area with its own jobs directory and runner, removed at the end.
final class ExecFixture: @unchecked Sendable {
    let base: String
    let jobsDirectory: String
    let runner: JobRunner
    let sink = CollectingStageOutSink()

    init(userSwitch: UserSwitch = .setpriv(), slots: Int = 4, cleanup: CleanupPolicy = .always,
         grace: Duration = .milliseconds(500)) throws {
        try TestUser.ensure()
        let top = "/tmp/vgrid-exec-tests"
        mkdir(top, 0o755)
        chmod(top, 0o755)
        base = top + "/" + UUID().uuidString
        mkdir(base, 0o755)
        jobsDirectory = base + "/jobs"
        runner = JobRunner(configuration: JobRunnerConfiguration(
            jobsDirectory: jobsDirectory, userSwitch: userSwitch, hostname: "testnode", totalSlots: slots,
            killGracePeriod: grace, cleanup: cleanup))
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// A spec for `template` (text of a .jt), substituted for job `jobID`.
    func spec(_ template: String, jobID: Int = 7, user: String = TestUser.name, inputs: [String: StagedInput] = [:],
              variables: TemplateVariables? = nil, restarted: Int = 0) throws -> JobSpec {
        let variables = variables ?? TemplateVariables(jobID: jobID)
        let parsed = try JobTemplate.parse(template, file: "test.jt")
        return JobSpec(variables: variables, template: try variables.applyChecked(to: parsed), user: user,
                       restarted: restarted, inputs: inputs)
    }

    /// A spec running `script` (a /bin/sh script staged as the executable).
    func scriptSpec(_ script: String, extra: String = "", jobID: Int = 7, inputs: [String: StagedInput] = [:],
                    variables: TemplateVariables? = nil, restarted: Int = 0) throws -> JobSpec {
        var all = inputs
        all["job.sh"] = .data(Data("#!/bin/sh\n\(script)\n".utf8))
        return try spec("EXECUTABLE = job.sh\n\(extra)", jobID: jobID, inputs: all, variables: variables, restarted: restarted)
    }

    /// Runs a job to its end.
    func run(_ spec: JobSpec) async throws -> Finished {
        let job = try await runner.start(spec, stageOut: sink)
        var events: [JobRunEvent] = []
        for await event in job.events { events.append(event) }
        let result = await job.result
        return Finished(events: events, result: result, files: await sink.received(jobID: spec.jobID))
    }

    /// The path of a job's directory.
    func directory(_ jobID: Int) -> String { "\(jobsDirectory)/\(jobID)" }
}

/// What a finished job left.
struct Finished {
    var events: [JobRunEvent]
    var result: JobRunResult
    var files: [String: CollectingStageOutSink.Received]

    /// A staged-out file's text.
    func text(_ name: String) -> String? { files[name].map { String(decoding: $0.contents, as: UTF8.self) } }

    var stdout: String { text("stdout.7") ?? "<no stdout>" }

    var exitStatus: JobExitStatus? {
        if case .done(let status) = result { return status }
        return nil
    }

    var failure: ExecError? {
        if case .failed(let error) = result { return error }
        return nil
    }

    /// The events as short words, for order checks: prolog, started, exited, epilog, failed, cancelled.
    var eventNames: [String] {
        events.map {
            switch $0 {
            case .prologDone: return "prolog"
            case .started: return "started"
            case .exited: return "exited"
            case .epilogDone: return "epilog"
            case .failed: return "failed"
            case .cancelled: return "cancelled"
            case .cleanupFailed: return "cleanupFailed"
            }
        }
    }
}

/// Processes on this host, from /proc: pid, state letter and process group.
struct ProcessEntry {
    var pid: Int32
    var state: Character
    var group: Int32

    static func all() -> [ProcessEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name in
            guard let pid = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, let state = fields[0].first, let group = Int32(fields[2]) else { return nil }
            return ProcessEntry(pid: pid, state: state, group: group)
        }
    }

    /// The live (not zombie) members of a process group.
    static func group(_ id: Int32) -> [ProcessEntry] {
        all().filter { $0.group == id && $0.state != "Z" }
    }
}

/// Polls `condition` every 20 ms for up to `seconds`; whether it became true.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// The pid of the job once it has started.
func startedPID(_ job: RunningJob) async -> Int32? {
    for await event in job.events {
        if case .started(let pid) = event { return pid }
    }
    return nil
}
