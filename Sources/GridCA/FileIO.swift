import Foundation

/// File reading and writing with the modes grid files need.
enum FileIO {
    static func readString(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GridCAError(.fileUnreadable, "cannot read the file", hint: "check that it exists and is readable", location: url.path, underlying: error)
        }
    }

    /// Writes `text` atomically so the file never exists with a wider mode than `mode`.
    static func write(_ text: String, to url: URL, mode: Int) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(
                atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
            else {
                throw CocoaError(.fileWriteUnknown)
            }
            // createFile applies the umask; set the exact mode explicitly.
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary.path)
            if rename(temporary.path, url.path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw GridCAError(.fileUnwritable, "cannot write the file", hint: "check that the directory exists and is writable", location: url.path, underlying: error)
        }
    }
}
