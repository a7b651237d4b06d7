import Foundation
import GridMiddleware
import GridTools
import GridWire

/// `gwsubmit`: sends a job template (a file, or standard input) to gwd as one job or an array.
public struct GwSubmit: GridCommand {
    public static let name = "gwsubmit"
    public static let synopsis = "[-h] [-v] [-o] [-d \"id1 id2 ...\"] [-p priority] [-n tasks [-s start] [-i increment]] [-t] template"
    public static let summary = "Submits a job (or with -n an array of jobs) described by a job template; without a file, reads the template from standard input."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("v", help: "Prints the job id (JOB ID: 7), or the array id and its jobs"),
        OptionSpec("o", help: "Submits on hold (release it with gwkill -l)"),
        OptionSpec("d", .value, placeholder: "\"id1 id2\"", help: "Holds the job until these jobs are done"),
        OptionSpec("p", .value, placeholder: "priority", help: "Fixed priority, 0 (low) to 19; 20 (urgent) is for the administrator"),
        OptionSpec("n", .value, placeholder: "tasks", help: "Submits an array of this many tasks (TASK_ID 0..tasks-1)"),
        OptionSpec("s", .value, placeholder: "start", help: "First PARAM of the array (default 0)"),
        OptionSpec("i", .value, placeholder: "increment", help: "PARAM step of the array (default 1): PARAM = start + increment * TASK_ID"),
        OptionSpec("t", .value, placeholder: "template", help: "The job template file (or give it without -t)"),
    ]

    var verbose: Bool
    /// nil: read the template from standard input.
    var templatePath: String?
    var submitOptions: SubmitOptions

    public init(options: ParsedOptions) throws {
        verbose = options.has("v")
        let files = (options.value("t").map { [$0] } ?? []) + options.positionals
        guard files.count <= 1 else { throw UsageError(option: files[1], "only one template per gwsubmit (use -n for many jobs)") }
        templatePath = files.first.flatMap { $0 == "-" ? nil : $0 }
        let tasks = try GridWayArguments.integer(options, "n", in: 1...Int.max)
        if tasks == nil, let arrayOnly = ["s", "i"].first(where: options.has) {
            throw UsageError(option: "-" + arrayOnly, "is for arrays: give the number of tasks with -n")
        }
        submitOptions = SubmitOptions(
            arrayTasks: tasks, arrayStart: try GridWayArguments.integer(options, "s") ?? 0,
            arrayIncrement: try GridWayArguments.integer(options, "i") ?? 1, hold: options.has("o"),
            dependencies: try GridWayArguments.jobIDs(options.values("d"), option: "-d"),
            priority: try GridWayArguments.integer(options, "p", in: 0...20))
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let request = try makeRequest(in: context)
        let session = try GwdSession.prepare(context, client: Self.name)
        var forwarded = request
        forwarded.proxy = session.credentials.proxyText
        let sending = forwarded
        let result = try session.call { try await $0.submit(sending) }
        if verbose { context.standardOutput(Self.report(result)) }
        return 0
    }

    /// The request without the proxy: template text, its name, and where relative paths start.
    func makeRequest(in context: ToolContext) throws -> SubmitRequest {
        var options = submitOptions
        guard let templatePath else {
            let text = context.readAllStandardInput()
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw GridToolsError("no job template given (standard input was empty)",
                                     hint: "gwsubmit -t job.jt, or cat job.jt | gwsubmit")
            }
            options.workingDirectory = context.currentDirectory
            return SubmitRequest(template: text, templateName: nil, options: options)
        }
        let path = context.absolutePath(templatePath)
        options.workingDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return SubmitRequest(template: try Self.readTemplate(path, as: templatePath), templateName: URL(fileURLWithPath: path).lastPathComponent,
                             options: options)
    }

    static func readTemplate(_ path: String, as written: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GridToolsError("the job template \(written) does not exist", hint: "check the file name (ls \(URL(fileURLWithPath: path).deletingLastPathComponent().path))")
        }
        guard !isDirectory.boolValue else { throw GridToolsError("\(written) is a directory, not a job template", hint: "give the .jt file") }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GridToolsError("cannot read the job template \(written)", hint: "check that it is readable by you (ls -l \(path))", underlying: error)
        }
    }

    /// `-v`: `JOB ID: 7`, or the array table.
    static func report(_ result: SubmitResult) -> String {
        if let arrayID = result.arrayID { return SubmitFormatter.array(arrayID, jobIDs: result.jobIDs) }
        return result.jobIDs.map(SubmitFormatter.job).joined()
    }
}
