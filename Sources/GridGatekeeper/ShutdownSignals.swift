import Dispatch
import Foundation

/// SIGTERM and SIGINT as an awaitable event, for daemons that stop cleanly (`vgrid-service stop`, Ctrl-C).
///
/// The signals' default action (terminate at once) is turned off and DispatchSource sources watch them
/// instead, so the daemon can drain connections and report its jobs' ends first.
public final class ShutdownSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var received: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    public init(signals: [Int32] = [SIGTERM, SIGINT]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Returns the first signal that arrives.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let now: Int32? = lock.withLock {
                if let received { return received }
                waiters.append(continuation)
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    /// Acts as if `number` arrived (tests).
    public func deliver(_ number: Int32) {
        let waiting: [CheckedContinuation<Int32, Never>] = lock.withLock {
            if received == nil { received = number }
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume(returning: number) }
    }

    /// `SIGTERM` / `SIGINT` / `signal N`.
    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(number)"
        }
    }
}
