import CLibvirt
import Foundation

/// A blocking libvirt data stream (volume upload/download, console).
///
/// Named `LibvirtStream` rather than `Stream` so it does not clash with `Foundation.Stream`.
/// A stream that is dropped while a transfer is running is aborted.
/// `@unchecked Sendable`: libvirt streams are thread safe; the one Swift flag is locked.
public final class LibvirtStream: @unchecked Sendable {
    let pointer: virStreamPtr
    /// The connection the stream belongs to.
    public let connection: LibvirtConnection
    private let lock = NSLock()
    private var closed = false

    init(_ pointer: virStreamPtr, connection: LibvirtConnection) {
        self.pointer = pointer
        self.connection = connection
    }

    deinit {
        if !closed { virStreamAbort(pointer) }
        virStreamFree(pointer)
    }

    /// Sends some of `bytes`; returns how many were sent (blocking, at least one unless empty).
    public func send(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let sent = virStreamSend(pointer, base.assumingMemoryBound(to: CChar.self), bytes.count)
        return Int(try check(sent, "virStreamSend"))
    }

    /// Sends all of `bytes`, looping over partial writes.
    public func sendAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            offset += try send(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Sends all of `bytes`.
    public func sendAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try sendAll($0) }
    }

    /// Receives up to `maxBytes`; an empty result means the other end finished the stream.
    public func receive(maxBytes: Int = 64 * 1024) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(maxBytes, 1))
        let count = try buffer.withUnsafeMutableBytes { raw in
            try check(
                virStreamRecv(pointer, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count),
                "virStreamRecv")
        }
        return Array(buffer.prefix(Int(count)))
    }

    /// Completes the transfer; the other end confirms every byte arrived.
    public func finish() throws {
        try check(virStreamFinish(pointer), "virStreamFinish")
        markClosed()
    }

    /// Cancels the transfer; never throws so it can be used in cleanup paths.
    public func abort() {
        guard markClosed() else { return }
        virStreamAbort(pointer)
    }

    /// Marks the stream closed; returns false if it already was.
    @discardableResult
    private func markClosed() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if closed { return false }
        closed = true
        return true
    }
}
