import Foundation

/// Wakes one waiting task: a ring while nobody waits is kept for the next wait.
final class Doorbell: @unchecked Sendable {
    private let lock = NSLock()
    private var rung = false
    private var waiter: CheckedContinuation<Void, Never>?

    func ring() {
        let waiting: CheckedContinuation<Void, Never>? = lock.withLock {
            guard let waiter else {
                rung = true
                return nil
            }
            self.waiter = nil
            return waiter
        }
        waiting?.resume()
    }

    /// Returns at the next ring, or after `timeout`.
    func wait(timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { self?.ring() }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                if rung {
                    rung = false
                    return true
                }
                waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
        timer.cancel()
    }
}
