import Foundation
import Provisioning

/// Progress on stderr: `[  2.1s] intro-head  started`. On a terminal the subject is
/// highlighted; otherwise plain lines, so logs and CI output stay readable.
final class TerminalReporter: ProgressReporter, @unchecked Sendable {
    private let started = Date()
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    func report(_ subject: String, _ message: String) {
        guard !quiet else { return }
        let elapsed = String(format: "%5.1fs", Date().timeIntervalSince(started))
        let name = isTerminal ? "\u{1B}[1m\(subject)\u{1B}[0m" : subject
        write("[\(elapsed)] \(name)  \(message)\n")
    }

    func warn(_ message: String) { write("vgrid: warning: \(message)\n") }

    private func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
