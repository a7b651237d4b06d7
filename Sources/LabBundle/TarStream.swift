import Foundation

/// Writes a ustar stream of regular files to `sink`, then the two zero blocks that end it.
struct TarWriter {
    let sink: (Data) throws -> Void

    mutating func add(path: String, size: Int64, mode: Int, contents: (_ write: (Data) throws -> Void) throws -> Void) throws {
        try sink(Data(try TarHeader(path: path, size: size, mode: mode, mtime: 0).encoded()))
        var written: Int64 = 0
        try contents { chunk in
            written += Int64(chunk.count)
            try sink(chunk)
        }
        guard written == size else {
            throw BundleError(.io, "\(path) changed while it was being written (\(written) bytes, expected \(size))",
                              hint: "export again when nothing writes to it", subject: path)
        }
        try sink(Data(count: TarHeader.padding(size)))
    }

    func finish() throws { try sink(Data(count: TarHeader.blockSize * 2)) }
}

/// Reads a tar stream from a byte source with exact-length reads; the end of input anywhere
/// but after the closing zero block means a truncated bundle.
struct TarReader {
    private let source: () throws -> Data
    private var buffer = Data()
    private var atEnd = false

    /// `source` returns the next bytes, or empty data at the end of input.
    init(source: @escaping () throws -> Data) { self.source = source }

    init(handle: FileHandle) {
        self.init { try handle.read(upToCount: 1 << 20) ?? Data() }
    }

    /// Up to `count` bytes; fewer only at the end of input.
    private mutating func read(_ count: Int) throws -> Data {
        while buffer.count < count && !atEnd {
            let chunk = try source()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
        let taken = buffer.prefix(count)
        buffer.removeFirst(taken.count)
        return Data(taken)
    }

    /// The next member's header; nil at the end of the archive (a zero block).
    mutating func next() throws -> TarHeader? {
        let block = try read(TarHeader.blockSize)
        if block.isEmpty { throw TarHeader.truncated() }
        return try TarHeader.decode(Array(block))
    }

    /// Streams the member's content (in chunks of at most 1 MiB) and skips its padding.
    mutating func content(of header: TarHeader, _ body: (Data) throws -> Void) throws {
        var remaining = header.size
        while remaining > 0 {
            let chunk = try read(Int(min(remaining, 1 << 20)))
            if chunk.isEmpty { throw TarHeader.truncated() }
            try body(chunk)
            remaining -= Int64(chunk.count)
        }
        let padding = TarHeader.padding(header.size)
        if padding > 0, try read(padding).count != padding { throw TarHeader.truncated() }
    }

    /// After the end-of-archive block: whatever follows must be zero padding.
    mutating func checkTrailer() throws {
        while true {
            let rest = try read(1 << 16)
            if rest.isEmpty { return }
            if rest.contains(where: { $0 != 0 }) {
                throw BundleError(.manifestMismatch, "the bundle has data after the end of its archive",
                                  hint: "the bundle was tampered with or damaged: export it again")
            }
        }
    }
}
