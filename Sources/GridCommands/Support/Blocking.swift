import Foundation

/// Runs async work from a synchronous command (`GridCommand.run` is synchronous, the wire client is async).
///
/// The calling thread waits on a semaphore while the work runs on the cooperative pool, so this must
/// never be called from inside a task.
public func runBlocking<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
    let box = ResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            box.set(.success(try await work()))
        } catch {
            box.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return try box.get()
}

private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ value: Result<Value, any Error>) { lock.withLock { result = value } }

    func get() throws -> Value {
        guard let result = lock.withLock({ result }) else { fatalError("runBlocking finished without a result") }
        return try result.get()
    }
}
