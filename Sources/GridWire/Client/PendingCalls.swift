import Foundation
import NIOCore

/// The requests a client connection waits on, by id: their answers, download streams and timers.
final class PendingCalls: @unchecked Sendable {
    private enum State {
        /// No answer yet; the caller may already wait.
        case awaiting(CheckedContinuation<WireResponse, any Error>?)
        /// The answer came before the caller waited.
        case answered(Result<WireResponse, any Error>)
        /// The response was handed over; chunks of the download still come.
        case streaming
    }

    private struct Entry {
        var state: State = .awaiting(nil)
        var download: ChunkPipe?
        var timer: Scheduled<Void>?
        /// The last chunk of the download went by.
        var downloadEnded = false
    }

    private let lock = NSLock()
    private var nextID: UInt64 = 1
    private var entries: [UInt64: Entry] = [:]
    private var closedError: WireError?

    /// A new id with an entry waiting for its answer; throws if the connection has closed.
    func register(download: ChunkPipe?) throws -> UInt64 {
        try lock.withLock {
            if let closedError { throw closedError }
            let id = nextID
            nextID += 1
            entries[id] = Entry(download: download)
            return id
        }
    }

    func setTimer(_ id: UInt64, _ timer: Scheduled<Void>) {
        let kept: Bool = lock.withLock {
            guard case .awaiting? = entries[id]?.state else { return false }
            entries[id]?.timer = timer
            return true
        }
        if !kept { timer.cancel() }
    }

    /// The answer of `id` (at once if it already came).
    func wait(_ id: UInt64) async throws -> WireResponse {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<WireResponse, any Error>? = lock.withLock {
                guard let entry = entries[id] else { return .failure(closedError ?? CancellationError()) }
                switch entry.state {
                case .awaiting:
                    entries[id]?.state = .awaiting(continuation)
                    return nil
                case .answered(let result):
                    handOver(id, result)
                    return result
                case .streaming:
                    return .failure(WireError(.unexpectedMessage, "request \(id) was answered already", hint: "this is a bug in vgrid"))
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// Forgets a call whose request could not be sent.
    func discard(_ id: UInt64) {
        let entry = lock.withLock { entries.removeValue(forKey: id) }
        entry?.timer?.cancel()
    }

    /// The response to `id` came; `streams` says whether chunks follow it.
    func deliver(_ id: UInt64, response: WireResponse, streams: Bool) {
        if !streams {
            // A download request answered without a stream: its stream is empty.
            let pipe: ChunkPipe? = lock.withLock {
                entries[id]?.downloadEnded = true
                return entries[id]?.download
            }
            pipe?.finish()
        }
        resolve(id, .success(response))
    }

    /// An error frame, a timeout or a cancellation for `id`; true if the call was still waiting or streaming.
    @discardableResult
    func fail(_ id: UInt64, _ error: any Error) -> Bool {
        resolve(id, .failure(error))
    }

    /// Where a chunk for `id` goes; nil when nobody expects it.
    func downloadPipe(_ id: UInt64, last: Bool) -> ChunkPipe? {
        lock.withLock {
            guard let entry = entries[id], let pipe = entry.download else { return nil }
            switch entry.state {
            case .streaming:
                if last { entries[id] = nil }
            case .answered(.success):
                if last { entries[id]?.downloadEnded = true }
            default:
                return nil
            }
            return pipe
        }
    }

    /// The connection is gone: every call fails with `error`, and so do new ones.
    func closeAll(_ error: WireError) {
        let open: [Entry] = lock.withLock {
            if closedError == nil { closedError = error }
            defer { entries.removeAll() }
            return Array(entries.values)
        }
        for entry in open {
            entry.timer?.cancel()
            entry.download?.fail(error)
            if case .awaiting(let continuation?) = entry.state { continuation.resume(throwing: error) }
        }
    }

    /// After the caller got `result`: keep the entry while its download streams, else drop it. Call under the lock.
    private func handOver(_ id: UInt64, _ result: Result<WireResponse, any Error>) {
        if case .success = result, let entry = entries[id], entry.download != nil, !entry.downloadEnded {
            entries[id]?.state = .streaming
        } else {
            entries[id] = nil
        }
    }

    @discardableResult
    private func resolve(_ id: UInt64, _ result: Result<WireResponse, any Error>) -> Bool {
        let outcome: (Entry, CheckedContinuation<WireResponse, any Error>?)? = lock.withLock {
            guard let entry = entries[id] else { return nil }
            switch (entry.state, result) {
            case (.awaiting(let continuation), _):
                entries[id]?.timer = nil
                if continuation != nil {
                    handOver(id, result)
                } else {
                    entries[id]?.state = .answered(result)
                }
                return (entry, continuation)
            case (.streaming, .failure):
                entries[id] = nil
                return (entry, nil)
            case (.answered(.success), .failure):
                // The caller still gets the response; its download stream fails.
                entries[id]?.downloadEnded = true
                return (entry, nil)
            default:
                return nil
            }
        }
        guard let (entry, continuation) = outcome else { return false }
        entry.timer?.cancel()
        if case .failure(let error) = result { entry.download?.fail(error) }
        continuation?.resume(with: result)
        return true
    }
}
