import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One file to stage out after a run, already opened safely (see `JobDirectory`).
///
/// Reading goes through the open descriptor, so a job (or a process it left behind) that
/// renames or replaces the file with a link afterwards changes nothing.
public final class StagedOutputFile: @unchecked Sendable {
    /// The name in the job's directory.
    public let name: String
    /// Where gwd puts it: the OUTPUT_FILES destination (or the name), or the STDOUT_FILE /
    /// STDERR_FILE value as written; relative to the template's directory on the head node.
    public let destination: String
    public let kind: StagedOutputKind
    private let file: FileDescriptor

    init(name: String, destination: String, kind: StagedOutputKind, file: FileDescriptor) {
        self.name = name
        self.destination = destination
        self.kind = kind
        self.file = file
    }

    /// The size in bytes now.
    public func size() throws -> Int {
        do {
            return Int(try file.status().st_size)
        } catch {
            throw ExecError(.io, "cannot read the size of '\(name)'", path: name, underlying: error)
        }
    }

    /// Up to `count` bytes from `offset`; fewer (or none) at the end of the file.
    public func read(offset: Int, count: Int) throws -> Data {
        var data = Data(count: count)
        let got = try data.withUnsafeMutableBytes { buffer -> Int in
            do {
                return try SystemCalls.retrying("pread \(name)") { pread(file.raw, buffer.baseAddress, count, off_t(offset)) }
            } catch {
                throw ExecError(.io, "cannot read '\(name)'", path: name, underlying: error)
            }
        }
        data.removeSubrange(got...)
        return data
    }

    /// The whole file, in chunks of `chunkSize` until the end.
    public func readAll(chunkSize: Int = 1 << 20) throws -> Data {
        var all = Data()
        while true {
            let chunk = try read(offset: all.count, count: chunkSize)
            if chunk.isEmpty { return all }
            all += chunk
        }
    }
}

/// Where the runner hands the files of a finished job: the gatekeeper daemon sends them to
/// gwd; tests collect them. A thrown error fails the job with a transfer failure.
public protocol StageOutSink: Sendable {
    func receive(_ file: StagedOutputFile, jobID: Int) async throws
}

/// A sink that keeps every file's bytes in memory, by job and name in the job's directory.
public actor CollectingStageOutSink: StageOutSink {
    public struct Received: Sendable, Hashable {
        public var destination: String
        public var kind: StagedOutputKind
        public var contents: Data
    }

    private var files: [Int: [String: Received]] = [:]

    public init() {}

    public func receive(_ file: StagedOutputFile, jobID: Int) async throws {
        files[jobID, default: [:]][file.name] = Received(destination: file.destination, kind: file.kind,
                                                          contents: try file.readAll())
    }

    /// The files received for a job, by name in the job's directory.
    public func received(jobID: Int) -> [String: Received] { files[jobID] ?? [:] }
}
