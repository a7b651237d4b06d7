import Foundation
import GridGatekeeper
import GridTools

/// `gsiftpd`: the node's transfer service (port 2811) for gsiftp:// URLs, in the foreground.
public struct TransferDaemon: GridCommand {
    public static let name = "gsiftpd"
    public static let synopsis = "[-listen ADDR] [-port N] [-cert F] [-key F] [-certdir D] [-gridmap F]"
    public static let summary = "Serves gsiftp:// reads and writes of whole files, as the caller's mapped account."
    public static let options: [OptionSpec] = WorkernodeOptions.credentialOptions

    var configuration = GatekeeperConfiguration()

    public init(options: ParsedOptions) throws {
        try WorkernodeOptions.apply(options, to: &configuration, port: \.transferPort)
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let configuration = configuration
        return ForegroundDaemon.run(Self.name) {
            let service = try await TransferService.start(configuration, log: .standardError)
            return { await service.shutdown() }
        }
    }
}
