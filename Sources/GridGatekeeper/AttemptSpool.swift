import Crypto
import Foundation
import GridWire

/// The spool of one job attempt: staged inputs wait in `in/` until the job starts, kept outputs in `out/`
/// until gwd has fetched them.
///
/// Files are named by the SHA-256 of their key (the template's text for an input, the name in the job's
/// directory for an output): the key is the client's text and is never used as a path, so `../x` or
/// `/etc/passwd` as a key cannot touch anything outside the spool.
struct AttemptSpool: Sendable {
    /// `<spool>/<uuid>`, root's, mode 0700.
    let directory: String

    var inbox: String { directory + "/in" }
    var outbox: String { directory + "/out" }

    /// Makes a fresh spool under `root`.
    static func create(in root: String) throws -> AttemptSpool {
        let spool = AttemptSpool(directory: root + "/" + UUID().uuidString.lowercased())
        do {
            for path in [spool.directory, spool.inbox, spool.outbox] {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw GatekeeperError(.io, "cannot make a spool directory in \(root)", hint: "check the gatekeeper's -spool-dir and free disk space", underlying: error)
        }
        return spool
    }

    /// The spool file of a key.
    static func fileName(for key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func inputPath(_ key: String) -> String { inbox + "/" + Self.fileName(for: key) }
    func outputPath(_ name: String) -> String { outbox + "/" + Self.fileName(for: name) }

    /// Whether the input with this key was staged.
    func hasInput(_ key: String) -> Bool { FileManager.default.fileExists(atPath: inputPath(key)) }

    /// Writes an upload as the input `key` (complete or not at all: a partial upload leaves no file).
    func receive(_ upload: WireChunkStream, key: String, expectedSize: Int64?) async throws -> Int64 {
        let final = inputPath(key)
        let partial = final + ".part"
        let handle = try SpoolFile.create(partial)
        let bytes: Int64
        do {
            bytes = try await handle.write(upload: upload)
        } catch let error as UploadError {
            unlink(partial)
            throw GatekeeperError(.io, "the upload of '\(key)' did not complete", hint: "stage the file again", underlying: error.underlying)
        }
        if let expectedSize, expectedSize != bytes {
            unlink(partial)
            throw GatekeeperError(.io, "'\(key)' arrived with \(bytes) bytes, not the \(expectedSize) announced", hint: "stage the file again")
        }
        guard rename(partial, final) == 0 else {
            unlink(partial)
            throw GatekeeperError(.io, "cannot keep the upload of '\(key)' in \(inbox)", hint: "check the spool directory")
        }
        return bytes
    }

    /// Removes the spool and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Creating the gatekeeper's own files (root's, 0600).
enum SpoolFile {
    static func create(_ path: String) throws -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw GatekeeperError(.io, "cannot create \(path): \(String(cString: strerror(errno)))", hint: "check the spool directory and free disk space")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}
