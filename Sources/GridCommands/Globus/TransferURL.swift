import Foundation
import GridTools
import GridWire

/// A globus-url-copy end: `file:///abs/path` on this machine, or `gsiftp://host[:port]/abs/path` on a
/// transfer service.
enum TransferURL: Equatable {
    case local(path: String)
    case remote(host: String, port: Int, path: String)

    init(parsing text: String, option: String) throws {
        if text.hasPrefix("file://") {
            let path = String(text.dropFirst("file://".count))
            guard path.hasPrefix("/") else {
                throw UsageError(option: option, "'\(text)' needs an absolute path: file:///dir/file")
            }
            self = .local(path: Self.decoded(path))
            return
        }
        guard text.hasPrefix("gsiftp://") else {
            throw UsageError(option: option, "'\(text)' is not a file:// or gsiftp:// URL")
        }
        let rest = text.dropFirst("gsiftp://".count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw UsageError(option: option, "'\(text)' has no path: gsiftp://host/dir/file")
        }
        let authority = rest[..<slash]
        var host = authority
        var port = WireProtocol.transferPort
        if let colon = authority.lastIndex(of: ":") {
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw UsageError(option: option, "'\(text)' has a bad port")
            }
            port = value
            host = authority[..<colon]
        }
        guard !host.isEmpty else { throw UsageError(option: option, "'\(text)' has no host") }
        self = .remote(host: String(host), port: port, path: Self.decoded(String(rest[slash...])))
    }

    var path: String {
        switch self {
        case .local(let path), .remote(_, _, let path): return path
        }
    }

    /// The same place with another path.
    func with(path: String) -> TransferURL {
        switch self {
        case .local: return .local(path: path)
        case .remote(let host, let port, _): return .remote(host: host, port: port, path: path)
        }
    }

    /// A destination naming a directory (`.../`) gets the source's file name.
    func completed(from source: TransferURL) -> TransferURL {
        guard path.hasSuffix("/") else { return self }
        let name = URL(fileURLWithPath: source.path).lastPathComponent
        return with(path: path + name)
    }

    private static func decoded(_ path: String) -> String {
        path.removingPercentEncoding ?? path
    }
}
