import Foundation
import GridMiddleware
import GridTools

/// `gwdag` (GridWay's gwdagman): runs a workflow of jobs described by a DAG file, or prints it as Graphviz DOT.
public struct GwDag: GridCommand {
    public static let name = "gwdag"
    public static let synopsis = "[-h] [--dot | -d] [-v] file.dag"
    public static let summary = "Submits the jobs of a DAG file in order (children wait in gwd for their parents), runs the PRE and POST scripts, waits for every job and prints a summary; exits non-zero when a job failed."
    public static let style = CommandStyle.gridWay
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("dot", aliases: ["d"], help: "Prints the DAG as Graphviz DOT (gwdag --dot x.dag | dot -Tpng > x.png) and submits nothing"),
        OptionSpec("v", help: "Prints each submission and each job's end as it happens"),
    ]

    var file: String
    var dot: Bool
    var verbose: Bool

    public init(options: ParsedOptions) throws {
        guard options.positionals.count == 1 else {
            throw UsageError(option: options.positionals.dropFirst().first ?? "", "gwdag needs exactly one DAG file")
        }
        file = options.positionals[0]
        dot = options.has("dot")
        verbose = options.has("v")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let path = context.absolutePath(file)
        let dag = try Self.read(path, as: file)
        if dot {
            context.standardOutput(dag.dot())
            return 0
        }
        let session = try GwdSession.prepare(context, client: Self.name)
        let link = try session.connect()
        defer { link.close() }
        let runner = DagRunner(dag: dag, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path, link: link,
                               proxy: session.credentials.proxyText, context: context, verbose: verbose)
        let outcomes = try runner.run()
        context.standardOutput(DagOutcome.table.render(outcomes.map(\.row)))
        let failed = outcomes.filter { !$0.succeeded }
        guard failed.isEmpty else {
            context.standardError(GridToolsError("\(failed.count) of \(outcomes.count) DAG jobs did not succeed: \(failed.map(\.name).joined(separator: " "))",
                                                 hint: "the NOTE column says why; gwps -f JID and gwhistory JID show more").renderedAsFailure())
            return 1
        }
        return 0
    }

    static func read(_ path: String, as written: String) throws -> DagFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw GridToolsError("the DAG file \(written) does not exist", hint: "check the file name")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GridToolsError("cannot read the DAG file \(written)", hint: "check that it is readable by you (ls -l \(path))", underlying: error)
        }
        do {
            return try DagFile.parse(text, file: written)
        } catch let error as MiddlewareError {
            throw GridToolsError(Self.position(error) + error.message, hint: error.hint)
        }
    }

    static func position(_ error: MiddlewareError) -> String {
        error.location.map { "\($0): " } ?? ""
    }
}
