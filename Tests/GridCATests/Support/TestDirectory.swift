import Foundation

/// A fresh temporary directory, removed when the value is deinitialized.
final class TestDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gridca-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` with `mode` and returns its path.
    @discardableResult
    func write(_ text: String, to name: String, mode: Int = 0o644) -> URL {
        let target = file(name)
        try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: target, atomically: true, encoding: .utf8)
        try! FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target.path)
        return target
    }
}
