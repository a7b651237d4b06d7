import Foundation

/// What an import has put in place so far, undone in reverse order when a later step fails:
/// an import either completes or leaves the host as it found it.
final class ImportJournal {
    private var undo: [() -> Void] = []
    private var commit: [() -> Void] = []

    /// Records how to take back a step that succeeded.
    func did(_ reverse: @escaping () -> Void) { undo.append(reverse) }

    /// Work to do only once everything succeeded (removing what was replaced).
    func onSuccess(_ work: @escaping () -> Void) { commit.append(work) }

    func rollBack() {
        for step in undo.reversed() { step() }
        undo = []
        commit = []
    }

    func complete() {
        for work in commit { work() }
        undo = []
        commit = []
    }

    /// Moves `source` to `target` (rename, or copy and remove across file systems); the
    /// target's parent is created. Undone by moving it back.
    func move(_ source: String, to target: String) throws {
        let fm = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        if !fm.fileExists(atPath: parent) {
            try createDirectory(parent)
        }
        do {
            try fm.moveItem(atPath: source, toPath: target)
        } catch {
            throw BundleError(.io, "cannot move \(source) to \(target): \(error.localizedDescription)", subject: target)
        }
        did { try? fm.moveItem(atPath: target, toPath: source) }
    }

    /// Creates a directory and the missing ones above it; undone by removing those it made.
    func createDirectory(_ path: String, mode: Int = 0o755) throws {
        let fm = FileManager.default
        var missing: [String] = []
        var current = (path as NSString).standardizingPath
        while !current.isEmpty && current != "/" && !fm.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for dir in missing.reversed() {
            guard mkdir(dir, mode_t(mode)) == 0 || errno == EEXIST else {
                throw BundleError(.io, "cannot create \(dir): \(String(cString: strerror(errno)))", subject: dir)
            }
            did { rmdir(dir) }
        }
    }
}
