import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `globus-job-run HOST[:PORT] [-np N] [-s] EXECUTABLE ARGS...`: runs a program on a workernode's
/// gatekeeper straight away (no gwd), prints its stdout and stderr and exits with its exit code.
public struct GlobusJobRun: GridCommand {
    public static let name = "globus-job-run"
    public static let synopsis = "HOST[:PORT] [-np N] [-s] EXECUTABLE [ARGUMENTS...]"
    public static let summary = """
        Runs EXECUTABLE on HOST's gatekeeper as your mapped account and prints its output. Without -s the \
        executable must be an absolute path on HOST; with -s it is copied from this machine.
        """
    public static let options: [OptionSpec] = [
        OptionSpec("np", aliases: ["count"], .value, placeholder: "n", help: "Runs n copies of the program (default 1)"),
        OptionSpec("s", aliases: ["stage"], help: "Copies the executable from this machine to HOST"),
    ]
    public static let allowsPositionals = true
    /// Failures (bad usage included) as `FAILED: ...` lines, like the lab's other job commands.
    public static let style: CommandStyle = .gridWay
    /// HOST and EXECUTABLE; whatever follows is the program's, `-l` included.
    public static let optionsEndAfterPositionals: Int? = 2

    var contact: String
    var executable: String
    var arguments: [String]
    var copies = 1
    var stage = false

    public init(options: ParsedOptions) throws {
        guard options.positionals.count >= 2 else {
            throw UsageError(option: "", "give the gatekeeper HOST and the EXECUTABLE to run")
        }
        contact = options.positionals[0]
        executable = options.positionals[1]
        arguments = Array(options.positionals.dropFirst(2))
        stage = options.has("s")
        if let count = options.value("np") {
            guard let value = Int(count), (1...64).contains(value) else { throw UsageError(option: "-np", "needs a number from 1 to 64") }
            copies = value
        }
        if !stage, !executable.hasPrefix("/") {
            throw UsageError(option: "", "'\(executable)' is not an absolute path on the remote host: give one (/bin/hostname), or add -s to copy it from here")
        }
        if arguments.contains(where: { $0.contains("\n") }) {
            throw UsageError(option: "", "an argument contains a line break, which a job template cannot carry")
        }
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let outcomes: [InteractiveJob.Outcome]
        do {
            let credentials = try UserCredentials.load(context)
            let endpoint = try gatekeeperEndpoint(context)
            let job = try InteractiveJob(endpoint: endpoint, template: template(), staged: try stagedExecutable())
            let client = try credentials.client(name: Self.name)
            let copies = copies
            outcomes = try runBlocking {
                try await withThrowingTaskGroup(of: (Int, InteractiveJob.Outcome).self) { group in
                    for index in 0..<copies {
                        group.addTask { (index, try await job.run(with: client)) }
                    }
                    var all: [(Int, InteractiveJob.Outcome)] = []
                    for try await outcome in group { all.append(outcome) }
                    return all.sorted { $0.0 < $1.0 }.map(\.1)
                }
            }
        } catch {
            context.standardError(GlobusFailure.render(error, summary: "the job on \(contact) did not run"))
            return 1
        }
        for outcome in outcomes {
            context.standardOutput(String(decoding: outcome.stdout, as: UTF8.self))
            context.standardError(String(decoding: outcome.stderr, as: UTF8.self))
        }
        let code = outcomes.map(\.exitCode).first { $0 != 0 } ?? 0
        return Int32(clamping: min(max(code, 0), 255))
    }

    func gatekeeperEndpoint(_ context: ToolContext) throws -> WireEndpoint {
        var text = contact
        if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }  // host:2119/jobmanager-fork
        let host = text.split(separator: ":").first.map(String.init) ?? text
        let address = GlobusFailure.addresses(context.environment["VGRID_GATEKEEPER_ADDRESS"])(host)
        return try WorkernodeOptions.endpoint(text, defaultPort: WireProtocol.gatekeeperPort, address: address, option: "HOST")
    }

    /// The template key of a staged executable (an absolute local path travels as a file:// URL) and its bytes.
    func stagedExecutable() throws -> InteractiveJob.StagedFile? {
        guard stage else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: executable))
        } catch {
            throw GridToolsError("cannot read the executable \(executable) to stage it", hint: "check the path and that you may read it", underlying: error)
        }
        let key = executable.hasPrefix("/") ? "file://" + executable : executable
        return InteractiveJob.StagedFile(key: key, data: data)
    }

    func template() throws -> String {
        var template = JobTemplate()
        template.name = Self.name
        template.executable = stage && executable.hasPrefix("/") ? "file://" + executable : executable
        template.arguments = arguments.map(Self.quoted).joined(separator: " ")
        template.stdoutFile = "stdout"
        template.stderrFile = "stderr"
        return template.normalized()
    }

    /// One argument in single quotes, as the gatekeeper's ARGUMENTS splitter reads them back.
    static func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
