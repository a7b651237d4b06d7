import Foundation

/// Reading and writing the small text files the guest commands handle.
enum TextFile {
    /// Whether a regular file (or a link to one) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The file's text, or a ``GridToolsError`` naming the file.
    static func read(_ path: String, what: String) throws -> String {
        guard exists(path) else {
            throw GridToolsError("\(what) \(path) does not exist", hint: hintForMissing(what))
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GridToolsError("cannot read \(what) \(path)", hint: "check that it is readable by you (ls -l \(path))", underlying: error)
        }
    }

    static func hintForMissing(_ what: String) -> String {
        switch what {
        case "the user certificate", "the user key":
            return "ask the lab administrator for a certificate, or set X509_USER_CERT and X509_USER_KEY (or use -cert and -key)"
        case "the proxy":
            return "create one with grid-proxy-init"
        default:
            return "check the file name"
        }
    }

    /// Writes `text` with exactly `mode`, through a temporary file renamed into place.
    static func write(_ text: String, to path: String, mode: Int) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary.path)
            if rename(temporary.path, path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw GridToolsError(
                "cannot write \(path)", hint: "check that the directory \(url.deletingLastPathComponent().path) exists and is writable by you",
                underlying: error)
        }
    }
}
