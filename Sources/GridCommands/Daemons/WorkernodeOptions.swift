import Foundation
import GridGatekeeper
import GridTools
import GridWire

/// The options the workernode daemons share (where they listen, their credentials), read into a
/// `GatekeeperConfiguration`.
enum WorkernodeOptions {
    static let credentialOptions: [OptionSpec] = [
        OptionSpec("listen", .value, placeholder: "address", help: "Address to listen on (default 0.0.0.0)"),
        OptionSpec("port", .value, placeholder: "port", help: "Port to listen on"),
        OptionSpec("hostname", .value, placeholder: "name", help: "This host's name (default: the one in the host certificate)"),
        OptionSpec("cert", .value, placeholder: "certfile", help: "Host certificate (default /etc/grid-security/hostcert.pem)"),
        OptionSpec("key", .value, placeholder: "keyfile", help: "Host key (default /etc/grid-security/hostkey.pem)"),
        OptionSpec("certdir", .value, placeholder: "certdir", help: "Trusted CA directory (default /etc/grid-security/certificates)"),
        OptionSpec("gridmap", .value, placeholder: "file", help: "grid-mapfile (default /etc/grid-security/grid-mapfile)"),
    ]

    /// Applies the shared options; `portKeyPath` says which port `-port` sets.
    static func apply(_ options: ParsedOptions, to configuration: inout GatekeeperConfiguration, port: WritableKeyPath<GatekeeperConfiguration, Int>) throws {
        if let listen = options.value("listen") { configuration.listenHost = listen }
        if let text = options.value("port") { configuration[keyPath: port] = try Self.port(text, option: "-port") }
        if let name = options.value("hostname") { configuration.hostname = name }
        if let cert = options.value("cert") { configuration.hostCertificateFile = cert }
        if let key = options.value("key") { configuration.hostKeyFile = key }
        if let directory = options.value("certdir") { configuration.trustDirectory = directory }
        if let gridMap = options.value("gridmap") { configuration.gridMapFile = gridMap }
    }

    static func port(_ text: String, option: String) throws -> Int {
        guard let value = Int(text), (0...65535).contains(value) else {
            throw UsageError(option: option, "needs a port number (0-65535)")
        }
        return value
    }

    static func positive(_ text: String, option: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw UsageError(option: option, "needs a positive integer") }
        return value
    }

    /// `HOST[:PORT]`, with `defaultPort` when no port is given.
    static func endpoint(_ text: String, defaultPort: Int, address: String?, option: String) throws -> WireEndpoint {
        var host = Substring(text)
        var port = defaultPort
        if let colon = host.lastIndex(of: ":") {
            port = try Self.port(String(host[host.index(after: colon)...]), option: option)
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw UsageError(option: option, "needs HOST[:PORT]") }
        return WireEndpoint(host: String(host), port: port, address: address)
    }
}

/// Runs a daemon in the foreground until SIGTERM or SIGINT, then stops it cleanly.
enum ForegroundDaemon {
    static func run(_ name: String, start: @escaping @Sendable () async throws -> @Sendable () async -> Void) -> Int32 {
        let signals = ShutdownSignals()
        do {
            try runBlocking {
                let stop = try await start()
                let number = await signals.wait()
                ServiceLog.standardError(name, "received \(ShutdownSignals.name(number))")
                await stop()
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data(GlobusFailure.render(error, summary: "\(name) could not start").utf8))
            return 1
        }
    }
}
