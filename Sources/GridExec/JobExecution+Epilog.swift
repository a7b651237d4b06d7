extension JobExecution {
    /// Opens every output safely and hands it to the sink: stdout and stderr (the very files
    /// the program wrote), then OUTPUT_FILES. Whatever could be opened is staged out; then a
    /// missing or unsafe output fails the job with a reason naming every such file.
    func epilog(_ ready: Prepared) async throws {
        var files: [StagedOutputFile] = []
        var problems: [ExecError] = []
        for output in ready.plan.outputs {
            switch output.kind {
            case .stdout:
                files.append(StagedOutputFile(name: output.name, destination: output.destination, kind: .stdout, file: ready.stdout))
            case .stderr:
                files.append(StagedOutputFile(name: output.name, destination: output.destination, kind: .stderr, file: ready.stderr))
            case .output:
                do {
                    let file = try ready.directory.openOutput(output.name, what: "OUTPUT_FILES '\(output.name)'")
                    files.append(StagedOutputFile(name: output.name, destination: output.destination, kind: .output, file: file))
                } catch let error as ExecError {
                    problems.append(error)
                }
            }
        }
        for file in files {
            do {
                try await sink.receive(file, jobID: spec.jobID)
            } catch {
                throw ExecError(.transfer, "staging out '\(file.name)' failed", path: file.name, underlying: error)
            }
        }
        if let first = problems.first {
            var combined = first
            combined.message = problems.map(\.message).joined(separator: "; ")
            throw combined
        }
    }
}
