import Foundation
import GridTools
import GridWire

/// `globus-url-copy [-vb] [-p N] SRC DST`: copies one file between file:// and gsiftp:// URLs (a
/// gsiftp-to-gsiftp copy passes through this machine).
public struct GlobusURLCopy: GridCommand {
    public static let name = "globus-url-copy"
    public static let synopsis = "[-vb] [-p N] SOURCE_URL DESTINATION_URL"
    public static let summary = """
        Copies a file: file:///path on this machine, gsiftp://host[:port]/path on a node's transfer service \
        (read and written there as your mapped account). A destination ending in / gets the source's name.
        """
    public static let options: [OptionSpec] = [
        OptionSpec("vb", aliases: ["verbose-perf"], help: "Prints the bytes transferred and the rate"),
        OptionSpec("p", aliases: ["parallel"], .value, placeholder: "n", help: "Parallel streams (accepted and ignored: one stream is used)"),
        OptionSpec("dbg", aliases: ["debug"], help: "Prints the transfer's steps"),
    ]
    public static let allowsPositionals = true
    /// Failures (bad usage included) as `FAILED: ...` lines, like the lab's other job commands.
    public static let style: CommandStyle = .gridWay

    var source: TransferURL
    var destination: TransferURL
    var verbose = false

    public init(options: ParsedOptions) throws {
        guard options.positionals.count == 2 else {
            throw UsageError(option: "", "give exactly a SOURCE_URL and a DESTINATION_URL")
        }
        source = try TransferURL(parsing: options.positionals[0], option: "SOURCE_URL")
        guard !source.path.hasSuffix("/") else { throw UsageError(option: "SOURCE_URL", "names a directory; copy one file at a time") }
        destination = try TransferURL(parsing: options.positionals[1], option: "DESTINATION_URL").completed(from: source)
        verbose = options.has("vb")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let started = Date()
        let bytes: Int64
        do {
            let copier = URLCopier(
                source: source, destination: destination,
                client: needsCredentials ? try UserCredentials.load(context).client(name: Self.name) : nil,
                address: GlobusFailure.addresses(context.environment["VGRID_GSIFTP_ADDRESS"]))
            bytes = try runBlocking { try await copier.copy() }
        } catch {
            context.standardError(GlobusFailure.render(error, summary: "the copy did not complete"))
            return 1
        }
        if verbose {
            let seconds = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(bytes) / seconds / 1_048_576
            context.standardOutput(String(format: "%15lld bytes %12.2f MB/sec avg\n", bytes, rate))
        }
        return 0
    }

    var needsCredentials: Bool {
        if case .remote = source { return true }
        if case .remote = destination { return true }
        return false
    }
}
