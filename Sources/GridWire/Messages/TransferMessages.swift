import Foundation

/// A file of a job's remote directory to stage.
public struct FileTransfer: Codable, Sendable, Hashable {
    public var job: JobAttempt
    /// Relative to the job's remote directory (the gatekeeper refuses paths that leave it).
    public var path: String
    /// POSIX mode for a staged-in file (0o755 for the executable), nil for 0o644.
    public var mode: Int?
    /// The size, when the sender knows it (checked by the receiver).
    public var size: Int64?

    public init(job: JobAttempt, path: String, mode: Int? = nil, size: Int64? = nil) {
        self.job = job
        self.path = path
        self.mode = mode
        self.size = size
    }
}

/// Stage in: the file's bytes follow the request as `chunk` frames (an upload); answered with `TransferResult`.
public struct StageIn: WireBody {
    public static let wireType = "stageIn"
    public var file: FileTransfer

    public init(file: FileTransfer) { self.file = file }
}

/// Stage out: answered with `FileReady`, then the file's bytes as `chunk` frames (a download).
public struct StageOut: WireBody {
    public static let wireType = "stageOut"
    public var file: FileTransfer

    public init(file: FileTransfer) { self.file = file }
}

/// The answer to `StageOut`, before the chunks: the file as the gatekeeper found it.
public struct FileReady: WireBody {
    public static let wireType = "fileReady"
    public var file: FileTransfer

    public init(file: FileTransfer) { self.file = file }
}

/// The answer to `StageIn`: what was written.
public struct TransferResult: WireBody {
    public static let wireType = "transferred"
    public var path: String
    public var bytes: Int64

    public init(path: String, bytes: Int64) {
        self.path = path
        self.bytes = bytes
    }
}
