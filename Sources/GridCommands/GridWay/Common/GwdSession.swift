import Foundation
import GridCA
import GridTools
import GridWire

/// Where gwd listens and the student's credentials: what every GridWay command needs to call gwd.
///
/// `GridCommand.run` is synchronous, so each call goes through ``runBlocking(_:)``.
public struct GwdSession: Sendable {
    public let endpoint: WireEndpoint
    public let credentials: UserCredentials
    /// The command name sent in `Hello` (gwd logs it).
    public let clientName: String
    /// The grid-mapfile on this node (gwd's, on the headnode), to explain a refusal.
    public var gridMapFile: String?

    public init(endpoint: WireEndpoint, credentials: UserCredentials, clientName: String, gridMapFile: String? = nil) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.clientName = clientName
        self.gridMapFile = gridMapFile
    }

    /// Finds gwd (`$GW_LOCATION/var/gwd.port`) and loads the proxy. The port file comes first
    /// because "gwd is not running" is the more useful message when both are missing.
    public static func prepare(_ context: ToolContext, client: String) throws -> GwdSession {
        let endpoint = try GwdLocation(environment: context.environment).gwdEndpoint()
        let credentials = try UserCredentials.load(context)
        return GwdSession(endpoint: endpoint, credentials: credentials, clientName: client,
                          gridMapFile: GridSecurityPaths(context).gridMapFile)
    }

    /// Connects, runs `work` on the connection, closes it; failures come back as ``GridToolsError``.
    public func call<Value: Sendable>(_ work: @escaping @Sendable (WireConnection) async throws -> Value) throws -> Value {
        let link = try connect()
        defer { link.close() }
        return try link.call(work)
    }

    /// Opens a connection that stays up for several calls (gwdag).
    public func connect() throws -> GwdLink {
        let endpoint = endpoint
        let credentials = credentials
        let clientName = clientName
        do {
            let connection = try runBlocking {
                try await credentials.client(name: clientName).connect(to: endpoint)
            }
            return GwdLink(connection: connection, endpoint: endpoint)
        } catch let error as WireError where error.code == .rejectedByServer {
            // TLS 1.3 gives the client only an alert: say what gwd checks that this proxy fails.
            throw refusalDiagnosis() ?? GwdFailure.describe(error, endpoint: endpoint)
        } catch {
            throw GwdFailure.describe(error, endpoint: endpoint)
        }
    }

    /// What gwd would have against this proxy, checked with this node's files; nil when nothing found.
    func refusalDiagnosis() -> GridToolsError? {
        let proxy = credentials.proxy
        let identity: String
        do {
            identity = try credentials.trust.verifier.verify(credential: proxy).identity
        } catch {
            return GridToolsError("gwd refused your proxy: it does not verify against this grid's trusted CAs (\(error))",
                                  hint: "make a proxy from your lab certificate with grid-proxy-init")
        }
        guard let gridMapFile, let text = try? String(contentsOfFile: gridMapFile, encoding: .utf8),
              let map = try? GridMapFile(parsing: text, location: gridMapFile) else { return nil }
        if (try? map.localUser(for: identity)) == nil {
            return GridToolsError("gwd refused your proxy: \(identity) is not in the grid-mapfile (\(gridMapFile))",
                                  hint: "ask the lab administrator to add it: grid-mapfile-add-entry -dn \"\(identity)\" -ln <user>")
        }
        return nil
    }
}

/// An open connection to gwd, used from synchronous code.
public final class GwdLink: Sendable {
    let connection: WireConnection
    let endpoint: WireEndpoint

    init(connection: WireConnection, endpoint: WireEndpoint) {
        self.connection = connection
        self.endpoint = endpoint
    }

    /// Runs `work` on the connection; failures come back as ``GridToolsError``.
    public func call<Value: Sendable>(_ work: @escaping @Sendable (WireConnection) async throws -> Value) throws -> Value {
        let connection = connection
        do {
            return try runBlocking { try await work(connection) }
        } catch {
            throw GwdFailure.describe(error, endpoint: endpoint)
        }
    }

    public func close() {
        let connection = connection
        _ = try? runBlocking { await connection.close() }
    }
}
