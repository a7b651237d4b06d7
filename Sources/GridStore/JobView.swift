import Foundation

/// The files of GridWay's per-job directory `var/<jid>/`.
public enum JobFile: String, Sendable, CaseIterable {
    /// The normalised template.
    case template = "job.template"
    /// `<unix time> <STATE>` lines, appended.
    case state = "job.state"
    /// One line per host tried (gwhistory's columns), appended when the job leaves the host.
    case history = "job.history"
    /// The environment given to the wrapper (`export NAME="value"` lines), written at dispatch.
    case environment = "job.env"
    /// `<time> [module][I/W/E]: message` lines, appended.
    case log = "job.log"
}

/// Writes the teaching view `var/<jid>/` on one serial queue, after the database commits.
///
/// The view may lag behind the database: writes happen in order but asynchronously, and a
/// crash between a commit and its write loses that write (`JobStore.rebuildView` rewrites a
/// directory from the database). A failed write is reported through `onError`, never thrown
/// at the caller, whose change is already committed.
final class JobView: @unchecked Sendable {
    enum Operation: Sendable {
        /// A new job's directory and first files.
        case create(Int, [JobFile: String])
        case append(Int, JobFile, [String])
        case write(Int, JobFile, String)
        /// Replaces the generated files (the wrapper streams stay).
        case replace(Int, [JobFile: String])
        case remove(Int)
        /// Lines appended to a file of the directory that is not a JobFile (the wrapper streams).
        case appendNamed(Int, String, [String])
    }

    let root: URL
    let onError: (@Sendable (StoreError) -> Void)?
    let queue = DispatchQueue(label: "GridStore.JobView")

    init(root: URL, onError: (@Sendable (StoreError) -> Void)?) {
        self.root = root
        self.onError = onError
    }

    func directory(of jobID: Int) -> URL { root.appendingPathComponent(String(jobID), isDirectory: true) }

    /// Queues `operations`; they run in order after every operation queued before.
    func perform(_ operations: [Operation]) {
        guard !operations.isEmpty else { return }
        queue.async { [self] in
            for operation in operations {
                do {
                    try run(operation)
                } catch {
                    let (jobID, what) = describe(operation)
                    onError?(StoreError(.viewWriteFailed, "could not write \(what) of job \(jobID) under \(root.path)",
                                        hint: "the database has the change; JobStore.rebuildView(jobID:) rewrites the directory",
                                        jobID: jobID, underlying: error))
                }
            }
        }
    }

    /// Waits until every queued write is done.
    func flush() { queue.sync {} }

    func run(_ operation: Operation) throws {
        switch operation {
        case let .create(id, files):
            // One mkdir and one create per file: directory operations are what a slow disk
            // makes expensive, and a 1000-task array makes 1000 directories.
            if mkdir(directory(of: id).path, 0o755) != 0, errno != EEXIST {
                guard errno == ENOENT else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                try makeDirectory(id)
            }
            for (file, text) in files { try writeFile(text, to: path(id, file), flags: O_TRUNC) }
        case let .append(id, file, lines):
            guard !lines.isEmpty else { return }
            try append(lines.map { $0 + "\n" }.joined(), to: path(id, file), creating: directory(of: id))
        case let .write(id, file, text):
            try makeDirectory(id)
            try writeFile(text, to: path(id, file), flags: O_TRUNC)
        case let .replace(id, files):
            try makeDirectory(id)
            for file in JobFile.allCases {
                let url = directory(of: id).appendingPathComponent(file.rawValue)
                if let text = files[file] {
                    try Data(text.utf8).write(to: url, options: .atomic)
                } else if FileManager.default.fileExists(atPath: url.path) {
                    try FileManager.default.removeItem(at: url)
                }
            }
        case let .appendNamed(id, name, lines):
            guard !lines.isEmpty else { return }
            try append(lines.map { $0 + "\n" }.joined(), to: directory(of: id).appendingPathComponent(name).path, creating: directory(of: id))
        case let .remove(id):
            let url = directory(of: id)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
    }

    func describe(_ operation: Operation) -> (Int, String) {
        switch operation {
        case let .append(id, file, _), let .write(id, file, _): return (id, file.rawValue)
        case let .create(id, _): return (id, "the new directory")
        case let .replace(id, _): return (id, "the directory")
        case let .remove(id): return (id, "(removing) the directory")
        case let .appendNamed(id, name, _): return (id, name)
        }
    }

    func makeDirectory(_ id: Int) throws {
        try FileManager.default.createDirectory(at: directory(of: id), withIntermediateDirectories: true)
    }

    func path(_ id: Int, _ file: JobFile) -> String { directory(of: id).appendingPathComponent(file.rawValue).path }

    /// Appends with O_APPEND (GridWay's `fopen(..., "a")`), creating the directory when missing.
    func append(_ text: String, to path: String, creating directory: URL) throws {
        do {
            try writeFile(text, to: path, flags: O_APPEND)
        } catch let error as POSIXError where error.code == .ENOENT {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try writeFile(text, to: path, flags: O_APPEND)
        }
    }

    /// Writes `text` to `path`, created when missing; `flags` is O_APPEND or O_TRUNC.
    func writeFile(_ text: String, to path: String, flags: Int32) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// The text of the view's files.
enum JobViewFormat {
    /// `job.env`: one `export NAME="value"` line per variable, for the wrapper to source.
    static func environment(_ variables: [(name: String, value: String)]) -> String {
        variables.map { "export \($0.name)=\"\(escape($0.value))\"\n" }.joined()
    }

    /// Escapes what a double-quoted shell string would otherwise expand.
    static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            if "\\\"$`".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
