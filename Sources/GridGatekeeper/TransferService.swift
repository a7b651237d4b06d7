import Foundation
import GridExec
import GridWire

/// The transfer service (gsiftpd, port 2811): whole files by absolute path, read and written as the
/// caller's mapped account (the kernel checks that account's permissions; the daemon's root never
/// opens a user's file for them). Limited proxies may read, not write (GridWire refuses their writes).
public final class TransferService: Sendable {
    let server: WireServer
    let log: ServiceLog
    private let serving: Task<Void, Never>

    /// The port the service listens on.
    public var port: Int { server.port }

    private init(server: WireServer, log: ServiceLog) {
        self.server = server
        self.log = log
        serving = Task { await server.run() }
    }

    /// Reads the credentials the configuration names, then starts as `start(_:security:log:)`.
    public static func start(_ configuration: GatekeeperConfiguration, log: ServiceLog = .none) async throws -> TransferService {
        try await start(configuration, security: try ServiceSecurity.load(configuration), log: log)
    }

    /// Binds `configuration.transferPort` and starts serving.
    public static func start(_ configuration: GatekeeperConfiguration, security: ServiceSecurity, log: ServiceLog = .none) async throws -> TransferService {
        let wireConfiguration = WireServerConfiguration(
            host: configuration.listenHost, port: configuration.transferPort, credential: security.hostCredential, trust: security.trust,
            policy: security.userPolicy(acceptsLimitedProxies: true), serverName: "gsiftpd on \(security.hostname(configuration))", log: log.wire("gsiftpd"))
        let server = try await WireServer.bind(wireConfiguration) { peer, call in
            try await Self.handle(call, peer: peer, log: log)
        }
        log("gsiftpd", "transfer service of \(security.hostname(configuration)) on \(configuration.listenHost):\(server.port)")
        return TransferService(server: server, log: log)
    }

    public func shutdown(gracePeriod: Duration = .seconds(5)) async {
        await server.shutdown(gracePeriod: gracePeriod)
        await serving.value
    }

    static func handle(_ call: WireCall, peer: VerifiedPeer, log: ServiceLog) async throws -> WireReply {
        do {
            switch call.request {
            case .readFile(let request):
                return try read(request, peer: peer, log: log)
            case .writeFile(let request):
                return WireReply(.transferred(try await write(request, upload: call.upload, peer: peer, log: log)))
            default:
                throw WireError.remote(
                    "gsiftpd.unsupported", "the transfer service does not answer '\(call.request.type)' requests",
                    hint: "send readFile or writeFile here (globus-url-copy)")
            }
        } catch let error as GatekeeperError {
            throw error.wire
        } catch let error as ExecError {
            throw WireError.remote("exec.\(error.code.rawValue)", error.message, hint: error.hint ?? "check the path and its permissions")
        }
    }

    private static func user(of peer: VerifiedPeer) throws -> LocalUser {
        guard let name = peer.localUser else {
            throw GatekeeperError(.unmapped, "\(peer.identity) is not mapped to a local account", hint: "add it to the grid-mapfile")
        }
        return try LocalUser.lookup(name)
    }

    private static func read(_ request: ReadFile, peer: VerifiedPeer, log: ServiceLog) throws -> WireReply {
        let user = try user(of: peer)
        let handle = try UserFileAccess.openForReading(request.path, as: user)
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0 else {
            throw GatekeeperError(.transfer, "cannot read the size of \(request.path)", hint: "try again")
        }
        log("gsiftpd", "\(user.name) reads \(request.path) (\(info.st_size) bytes)")
        let opened = FileOpened(path: request.path, size: Int64(info.st_size), mode: Int(info.st_mode & 0o7777))
        return WireReply(.fileOpened(opened), download: FileStreaming.chunks(of: handle))
    }

    /// Creates or replaces the file as the user (so it belongs to them), then writes the upload into it.
    private static func write(_ request: WriteFile, upload: WireChunkStream?, peer: VerifiedPeer, log: ServiceLog) async throws -> TransferResult {
        guard let upload else {
            throw GatekeeperError(.transfer, "the write of \(request.path) came without data", hint: "send the file's bytes after the request")
        }
        let user = try user(of: peer)
        let mode = mode_t(request.mode.map { $0 & 0o777 } ?? 0o644)
        let handle = try UserFileAccess.openForWriting(request.path, as: user, mode: mode)
        let bytes: Int64
        do {
            bytes = try await handle.write(upload: upload)
        } catch let error as UploadError {
            throw GatekeeperError(.transfer, "the write of \(request.path) did not complete after \(error.bytes) bytes", hint: "copy the file again",
                                  underlying: error.underlying)
        }
        log("gsiftpd", "\(user.name) wrote \(request.path) (\(bytes) bytes)")
        return TransferResult(path: request.path, bytes: bytes)
    }
}
