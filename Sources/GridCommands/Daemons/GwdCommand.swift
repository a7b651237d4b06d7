import Foundation
import GridScheduler
import GridTools

/// `gwd`: the metascheduler daemon, in the foreground (vgrid-service runs it on the headnode).
public struct GwdCommand: GridCommand {
    public static let name = "gwd"
    public static let synopsis = "[-help] [-location DIR] [-listen ADDR] [-hostname NAME] [-address ADDR] [-port N] [-admin USER,...]"
    public static let summary = "Runs the GridWay-style metascheduler: reads $GW_LOCATION/etc, keeps jobs in $GW_LOCATION/var."
    public static let options: [OptionSpec] = [
        OptionSpec("location", .value, placeholder: "DIR", help: "GW_LOCATION (default $GW_LOCATION, else /usr/local/gw)"),
        OptionSpec("listen", .value, placeholder: "ADDR", help: "Address to listen on (default 0.0.0.0)"),
        OptionSpec("hostname", .value, placeholder: "NAME", help: "Name in the host certificate, written to var/gwd.port (default: this host's name)"),
        OptionSpec("address", .value, placeholder: "ADDR", help: "Address written to var/gwd.port next to the name (loopback tests)"),
        OptionSpec("port", .value, placeholder: "N", help: "Port instead of GWD_PORT (0: any free port)"),
        OptionSpec("admin", .value, placeholder: "USER,...", help: "Accounts that see and signal every job (default root)"),
        OptionSpec("host-timeout", .value, placeholder: "SECONDS", help: "Heartbeat silence after which a host is lost (default MONITORING_INTERVAL)"),
        OptionSpec("cert", .value, placeholder: "FILE", help: "Host certificate (default /etc/grid-security/hostcert.pem)"),
        OptionSpec("key", .value, placeholder: "FILE", help: "Host key (default /etc/grid-security/hostkey.pem)"),
        OptionSpec("certdir", .value, placeholder: "DIR", help: "Trusted CAs (default $X509_CERT_DIR, else /etc/grid-security/certificates)"),
        OptionSpec("gridmap", .value, placeholder: "FILE", help: "grid-mapfile (default $GRIDMAP, else /etc/grid-security/grid-mapfile)"),
    ]

    let configuration: GwdConfiguration

    public init(options: ParsedOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = GwdConfiguration(
            location: options.value("location") ?? environment["GW_LOCATION"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/gw",
            hostName: options.value("hostname") ?? ProcessInfo.processInfo.hostName)
        if let listen = options.value("listen") { configuration.listenAddress = listen }
        configuration.advertisedAddress = options.value("address")
        if let text = options.value("port") {
            guard let port = Int(text), (0...65535).contains(port) else { throw UsageError(option: "-port", "expected a port number, found '\(text)'") }
            configuration.port = port
        }
        if let admins = options.value("admin") {
            configuration.administrators = Set(admins.split(separator: ",").map(String.init))
        }
        if let text = options.value("host-timeout") {
            guard let seconds = Double(text), seconds > 0 else { throw UsageError(option: "-host-timeout", "expected seconds, found '\(text)'") }
            configuration.hostTimeout = .milliseconds(Int(seconds * 1000))
        }
        configuration.certificateFile = options.value("cert") ?? configuration.certificateFile
        configuration.keyFile = options.value("key") ?? configuration.keyFile
        configuration.trustDirectory = options.value("certdir") ?? environment["X509_CERT_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.trustDirectory
        configuration.gridMapFile = options.value("gridmap") ?? environment["GRIDMAP"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configuration.gridMapFile
        self.configuration = configuration
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let configuration = self.configuration
        let log: @Sendable (String) -> Void = { line in
            FileHandle.standardError.write(Data("\(DaemonClock.stamp()) gwd: \(line)\n".utf8))
        }
        do {
            try runBlocking {
                let daemon = try await GwdDaemon.start(configuration, log: log)
                let stop = DaemonSignals.onTermination { Task { log("shutting down"); await daemon.shutdown() } }
                await daemon.run()
                stop.cancel()
            }
        } catch let error as GwdError {
            throw GridToolsError(error.message, hint: error.hint, underlying: error.underlying)
        }
        return 0
    }
}
