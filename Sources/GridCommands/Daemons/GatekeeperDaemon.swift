import Foundation
import GridGatekeeper
import GridTools
import GridWire

/// `gatekeeper`: the workernode's job service (port 2119), in the foreground, one log line per event on stderr.
public struct GatekeeperDaemon: GridCommand {
    public static let name = "gatekeeper"
    public static let synopsis = "[-gwd HOST[:PORT]] [-gwd-address ADDR] [-listen ADDR] [-port N] [-slots N] [-heartbeat SECONDS] ..."
    public static let summary = "Runs grid users' jobs on this workernode as their mapped accounts and reports them to gwd."
    public static let options: [OptionSpec] = WorkernodeOptions.credentialOptions + [
        OptionSpec("gwd", .value, placeholder: "host[:port]", help: "Where gwd listens (default port 6725); without it, nothing is reported"),
        OptionSpec("gwd-address", .value, placeholder: "address", help: "Connect to gwd at this address (the name is still checked)"),
        OptionSpec("slots", .value, placeholder: "n", help: "Jobs that may run at once (default 1)"),
        OptionSpec("heartbeat", .value, placeholder: "seconds", help: "Seconds between host reports to gwd (default 5)"),
        OptionSpec("jobs-dir", .value, placeholder: "dir", help: "Per-job directories (default /var/lib/vgrid/gatekeeper/jobs)"),
        OptionSpec("spool-dir", .value, placeholder: "dir", help: "Staged inputs and kept outputs (default /var/lib/vgrid/gatekeeper/spool)"),
    ]

    var configuration = GatekeeperConfiguration()

    public init(options: ParsedOptions) throws {
        try WorkernodeOptions.apply(options, to: &configuration, port: \.port)
        if let gwd = options.value("gwd") {
            configuration.gwd = try WorkernodeOptions.endpoint(gwd, defaultPort: WireProtocol.gwdPort, address: options.value("gwd-address"), option: "-gwd")
        } else if options.has("gwd-address") {
            throw UsageError(option: "-gwd-address", "needs -gwd HOST (the name gwd's certificate carries)")
        }
        if let slots = options.value("slots") { configuration.slots = try WorkernodeOptions.positive(slots, option: "-slots") }
        if let seconds = options.value("heartbeat") {
            configuration.heartbeat = .seconds(try WorkernodeOptions.positive(seconds, option: "-heartbeat"))
        }
        if let directory = options.value("jobs-dir") { configuration.jobsDirectory = directory }
        if let directory = options.value("spool-dir") { configuration.spoolDirectory = directory }
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let configuration = configuration
        return ForegroundDaemon.run(Self.name) {
            let gatekeeper = try await Gatekeeper.start(configuration, log: .standardError)
            return { await gatekeeper.shutdown() }
        }
    }
}
