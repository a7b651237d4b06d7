import Foundation
import GridCA
import GridWire

/// gwd's connections to the gatekeepers, one per (user, host): each presents that user's forwarded
/// proxy, and carries many requests at once. A broken connection is dropped and made again on the
/// next request.
actor GatekeeperLinks {
    private struct Key: Hashable {
        var identity: String
        var host: String
    }

    private let trust: WireTrust
    private let vault: ProxyVault
    private let port: Int
    private var connections: [Key: WireConnection] = [:]
    private var connecting: [Key: Task<WireConnection, any Error>] = [:]

    init(trust: WireTrust, vault: ProxyVault, port: Int = WireProtocol.gatekeeperPort) {
        self.trust = trust
        self.vault = vault
        self.port = port
    }

    /// The connection to `host`'s gatekeeper as `identity`.
    func connection(identity: String, host: String, address: String?) async throws -> WireConnection {
        let key = Key(identity: identity, host: host)
        if let open = connections[key], open.isOpen { return open }
        connections[key] = nil
        if let pending = connecting[key] { return try await pending.value }
        guard let proxy = vault.proxy(for: identity) else {
            throw Refusal.make("noProxy", "gwd holds no proxy of \(identity)", hint: "submit again after grid-proxy-init")
        }
        let trust = self.trust
        let endpoint = WireEndpoint(host: host, port: port, address: address)
        let task = Task {
            let client = try WireClient(credential: proxy, trust: trust,
                                        options: WireClient.Options(connectTimeout: .seconds(10), requestTimeout: .seconds(120), clientName: "gwd"))
            return try await client.connect(to: endpoint)
        }
        connecting[key] = task
        defer { connecting[key] = nil }
        let connection = try await task.value
        connections[key] = connection
        return connection
    }

    /// Forgets (and closes) every connection to `host` (after it was lost).
    func drop(host: String) async {
        for (key, connection) in connections where key.host == host {
            connections[key] = nil
            await connection.close()
        }
    }

    func closeAll() async {
        for connection in connections.values { await connection.close() }
        connections = [:]
    }
}
