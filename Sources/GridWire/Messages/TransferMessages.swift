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

// The transfer side (gsiftp://, port 2811): whole files by absolute path, read and written as the
// caller's mapped account.

/// globus-url-copy from a gsiftp:// URL: answered with `FileOpened`, then the bytes as `chunk` frames.
public struct ReadFile: WireBody {
    public static let wireType = "readFile"
    /// An absolute path on the server.
    public var path: String
    public init(path: String) { self.path = path }
}

/// globus-url-copy to a gsiftp:// URL: the bytes follow as `chunk` frames; answered with `TransferResult`.
public struct WriteFile: WireBody {
    public static let wireType = "writeFile"
    /// An absolute path on the server; replaced if it exists.
    public var path: String
    /// POSIX mode of a new file (nil: 0o644 less the umask).
    public var mode: Int?
    public init(path: String, mode: Int? = nil) {
        self.path = path
        self.mode = mode
    }
}

/// The answer to `ReadFile`, before the chunks: the file as the transfer service opened it.
public struct FileOpened: WireBody {
    public static let wireType = "fileOpened"
    public var path: String
    public var size: Int64
    /// The file's POSIX permission bits.
    public var mode: Int?

    public init(path: String, size: Int64, mode: Int? = nil) {
        self.path = path
        self.size = size
        self.mode = mode
    }
}
