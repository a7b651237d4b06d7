/// One 512-byte ustar header: what vgrid writes (regular files only) and what it reads
/// (anything, so that links, devices and directories can be named and refused).
struct TarHeader: Equatable {
    enum EntryType: Equatable {
        case regular, hardLink, symbolicLink, characterDevice, blockDevice, directory, fifo
        case paxHeader, other(UInt8)

        init(flag: UInt8) {
            switch flag {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): self = .regular
            case UInt8(ascii: "1"): self = .hardLink
            case UInt8(ascii: "2"): self = .symbolicLink
            case UInt8(ascii: "3"): self = .characterDevice
            case UInt8(ascii: "4"): self = .blockDevice
            case UInt8(ascii: "5"): self = .directory
            case UInt8(ascii: "6"): self = .fifo
            case UInt8(ascii: "x"), UInt8(ascii: "g"): self = .paxHeader
            default: self = .other(flag)
            }
        }

        var name: String {
            switch self {
            case .regular: "a regular file"
            case .hardLink: "a hard link"
            case .symbolicLink: "a symbolic link"
            case .characterDevice: "a character device"
            case .blockDevice: "a block device"
            case .directory: "a directory"
            case .fifo: "a FIFO"
            case .paxHeader: "a pax extended header"
            case .other(let flag): "an entry of unknown type '\(Character(Unicode.Scalar(flag)))'"
            }
        }
    }

    static let blockSize = 512

    var path: String
    var size: Int64
    var mode: Int = 0o644
    var mtime: Int64 = 0
    var type: EntryType = .regular

    /// Encodes a regular file's header (ustar, owner root, names split into prefix/name).
    func encoded() throws -> [UInt8] {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        let bytes = Array(path.utf8)
        var name = bytes, prefix: [UInt8] = []
        if bytes.count > 100 {
            // Split at a '/' so that the name part fits in 100 bytes and the prefix in 155.
            guard let cut = bytes.indices.last(where: { bytes[$0] == UInt8(ascii: "/") && $0 <= 155 && bytes.count - $0 - 1 <= 100 }) else {
                throw BundleError(.io, "the member name '\(path)' is too long for a tar header", subject: path)
            }
            prefix = Array(bytes[..<cut])
            name = Array(bytes[(cut + 1)...])
        }
        func put(_ field: [UInt8], at offset: Int) { for (i, byte) in field.enumerated() { block[offset + i] = byte } }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        guard size < 0o77777777777 else { throw BundleError(.io, "\(path) is too large for a tar member", subject: path) }
        put(name, at: 0)
        put(octal(Int64(mode), width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(mtime, width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        block[156] = UInt8(ascii: "0")
        put(Array("ustar\0".utf8), at: 257)
        put(Array("00".utf8), at: 263)
        put(Array("root".utf8), at: 265)
        put(Array("root".utf8), at: 297)
        put(prefix, at: 345)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(Int64(sum), width: 7) + [UInt8(ascii: " ")], at: 148)
        return block
    }

    /// Decodes a header block; nil for an all-zero block (the end of the archive).
    static func decode(_ block: [UInt8]) throws -> TarHeader? {
        guard block.count == blockSize else { throw truncated() }
        if block.allSatisfy({ $0 == 0 }) { return nil }
        func field(_ offset: Int, _ length: Int) -> ArraySlice<UInt8> {
            let slice = block[offset..<(offset + length)]
            return slice.prefix { $0 != 0 }
        }
        func number(_ offset: Int, _ length: Int) throws -> Int64 {
            let raw = block[offset..<(offset + length)]
            if let first = raw.first, first & 0x80 != 0 {
                // GNU base-256 for big sizes: vgrid never writes it, but read it correctly.
                return raw.dropFirst().reduce(Int64(first & 0x7F)) { ($0 << 8) | Int64($1) }
            }
            let text = String(decoding: field(offset, length), as: UTF8.self).trimmed(of: " ")
            if text.isEmpty { return 0 }
            guard let value = Int64(text, radix: 8) else {
                throw BundleError(.corrupt, "the bundle's archive has a damaged header (field at \(offset): '\(text)')",
                                  hint: "the file is not a vgrid bundle or it is damaged: export it again")
            }
            return value
        }
        let stored = try number(148, 8)
        var copy = block
        for i in 148..<156 { copy[i] = UInt8(ascii: " ") }
        guard stored == Int64(copy.reduce(0) { $0 + Int($1) }) else {
            throw BundleError(.corrupt, "the bundle's archive has a header with a wrong checksum",
                              hint: "the file is not a vgrid bundle or it is damaged: export it again")
        }
        var path = String(decoding: field(0, 100), as: UTF8.self)
        if Array(block[257..<262]) == Array("ustar".utf8) {
            let prefix = String(decoding: field(345, 155), as: UTF8.self)
            if !prefix.isEmpty { path = prefix + "/" + path }
        }
        return TarHeader(path: path, size: try number(124, 12), mode: Int(try number(100, 8)), mtime: try number(136, 12),
                         type: EntryType(flag: block[156]))
    }

    static func truncated() -> BundleError {
        BundleError(.truncated, "the bundle ends early: it is truncated (an interrupted copy or download?)",
                    hint: "copy or export the bundle again")
    }

    /// Bytes of padding after `size` bytes of content.
    static func padding(_ size: Int64) -> Int { Int((Int64(blockSize) - size % Int64(blockSize)) % Int64(blockSize)) }
}

extension String {
    fileprivate func trimmed(of set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
