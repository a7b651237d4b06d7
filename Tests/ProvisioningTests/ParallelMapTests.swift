import Foundation
import Testing
@testable import Provisioning

@Suite("boundedParallelMap")
struct ParallelMapTests {
    /// Every body blocks until all of them have started: only a map that really runs `limit`
    /// blocking bodies at once finishes. (GCD's global queue, which `up` used before, starts one
    /// thread per core and adds one about every second, so eight bodies needed about six.)
    @Test func runsLimitBlockingBodiesAtOnce() {
        let count = 8
        let started = Counter()
        let everyoneStarted = DispatchSemaphore(value: 0)
        let results = boundedParallelMap(Array(0..<count), limit: count) { index -> Int in
            if started.increment() == count {
                for _ in 0..<count { everyoneStarted.signal() }
            }
            guard everyoneStarted.wait(timeout: .now() + 3) == .success else {
                throw CocoaError(.userCancelled)
            }
            return index * 10
        }
        #expect(results.map { try? $0.get() } == (0..<count).map { $0 * 10 }, "not all \(count) bodies ran at once")
    }

    @Test func neverRunsMoreThanTheLimit() {
        let running = Counter(), highest = Counter()
        _ = boundedParallelMap(Array(0..<12), limit: 3) { _ in
            highest.raise(to: running.increment())
            Thread.sleep(forTimeInterval: 0.02)
            _ = running.decrement()
        }
        #expect(highest.value == 3)
    }

    @Test func keepsItemOrderAndErrors() {
        struct Odd: Error {}
        let results = boundedParallelMap([1, 2, 3, 4], limit: 2) { n -> Int in
            if n % 2 == 1 { throw Odd() }
            return n
        }
        #expect(results.map { try? $0.get() } == [nil, 2, nil, 4])
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int { lock.withLock { count += 1; return count } }
    func decrement() -> Int { lock.withLock { count -= 1; return count } }
    func raise(to candidate: Int) { lock.withLock { count = max(count, candidate) } }
}
