import Foundation

/// The system `zstd` tool as a filter: a bundle is a tar stream compressed by it (as several
/// concatenated frames, which zstd decompresses as one stream), so the standard
/// `tar --zstd -xf` reads one too. Frames use a 128 MiB window (`--long=27`), which zstd's
/// default decoder limit accepts.
final class ZstdProcess {
    static let windowLog = 27

    let process = Process()
    private let stderrPipe = Pipe()
    private var stderrData = Data()
    private let stderrDone = DispatchSemaphore(value: 0)
    private let what: String

    private init(arguments: [String], what: String) {
        self.what = what
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zstd"] + arguments
        process.standardError = stderrPipe
    }

    private func start() throws {
        // A zstd that dies must turn into an error, not a SIGPIPE that kills vgrid.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch {
            throw BundleError(.io, "cannot run zstd: \(error.localizedDescription)",
                              hint: "install it (Debian: apt-get install zstd, or scripts/install-deps.sh)")
        }
        let handle = stderrPipe.fileHandleForReading
        // A thread of its own: a blocked read must not take one of GCD's few global workers.
        Thread.detachNewThread { [self] in
            stderrData = handle.readDataToEndOfFile()
            stderrDone.signal()
        }
    }

    /// Compresses what is written to `input` into `output`.
    static func compressor(level: Int, output: FileHandle) throws -> ZstdProcess {
        let zstd = ZstdProcess(arguments: ["-q", "-T0", "-\(level)", "--long=\(windowLog)", "-c"], what: "compressing")
        zstd.process.standardInput = Pipe()
        zstd.process.standardOutput = output
        try zstd.start()
        return zstd
    }

    /// Decompresses `file`; read the tar stream from `output`.
    static func decompressor(file: String) throws -> ZstdProcess {
        let zstd = ZstdProcess(arguments: ["-q", "-d", "-c", "--long=\(windowLog)", "--", file], what: "decompressing")
        zstd.process.standardInput = FileHandle.nullDevice
        zstd.process.standardOutput = Pipe()
        try zstd.start()
        return zstd
    }

    /// Decompresses what `input` holds from its current offset (a cached image frame).
    static func decompressor(input: FileHandle) throws -> ZstdProcess {
        let zstd = ZstdProcess(arguments: ["-q", "-d", "-c", "--long=\(windowLog)"], what: "decompressing")
        zstd.process.standardInput = input
        zstd.process.standardOutput = Pipe()
        try zstd.start()
        return zstd
    }

    var input: FileHandle { (process.standardInput as! Pipe).fileHandleForWriting }
    var output: FileHandle { (process.standardOutput as! Pipe).fileHandleForReading }

    /// Waits for zstd and throws unless it succeeded; `zstd`'s own words explain a damaged file.
    func finish() throws {
        reap()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: stderrData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 127 {
                throw BundleError(.io, "zstd is not installed", hint: "install it (Debian: apt-get install zstd)")
            }
            let truncated = text.localizedCaseInsensitiveContains("truncat") || text.localizedCaseInsensitiveContains("premature")
            throw BundleError(truncated ? .truncated : .corrupt,
                              "zstd failed \(what) the bundle (status \(process.terminationStatus))\(text.isEmpty ? "" : ": \(text)")",
                              hint: truncated ? "the bundle is truncated: copy or export it again" : "the bundle is damaged or not a vgrid bundle: export it again")
        }
    }

    /// Stops a decompressor early (`bundle info` reads only the manifest).
    func cancel() {
        // SIGKILL: a parent may hand vgrid a signal mask that blocks SIGTERM (test runners do),
        // and zstd inherits it.
        if !reaped && process.isRunning { kill(process.processIdentifier, SIGKILL) }
        reap()
    }

    private var reaped = false

    private func reap() {
        guard !reaped else { return }
        reaped = true
        process.waitUntilExit()
        stderrDone.wait()
    }
}
