import Foundation
import GridExec
import GridWire

/// Receives a finished job's outputs from the runner and keeps a copy of each in the attempt's outbox,
/// where they wait for `StageOut` (gwd's epilog, or globus-job-run).
actor OutboxSink: StageOutSink {
    let spool: AttemptSpool
    private(set) var outputs: [StagedOutput] = []

    init(spool: AttemptSpool) {
        self.spool = spool
    }

    func receive(_ file: StagedOutputFile, jobID: Int) async throws {
        let handle = try SpoolFile.create(spool.outputPath(file.name))
        var offset = 0
        do {
            while true {
                let chunk = try file.read(offset: offset, count: 1 << 20)
                if chunk.isEmpty { break }
                try handle.write(contentsOf: chunk)
                offset += chunk.count
            }
            try handle.close()
        } catch {
            throw GatekeeperError(.io, "cannot keep the output '\(file.name)' of job \(jobID)", hint: "check the spool directory's free space", underlying: error)
        }
        outputs.removeAll { $0.name == file.name }
        outputs.append(StagedOutput(name: file.name, destination: file.destination, kind: file.kind.rawValue, size: Int64(offset)))
    }
}
