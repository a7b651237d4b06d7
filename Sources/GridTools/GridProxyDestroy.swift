import Foundation

/// `grid-proxy-destroy`: overwrites and removes proxy files (the default proxy when none are named).
public struct GridProxyDestroy: GridCommand {
    public static let name = "grid-proxy-destroy"
    public static let synopsis = "[-help][-dryrun][-default][-all][--] [file1...]"
    public static let summary = "Destroys proxies: the default proxy, or the files listed."
    public static let allowsPositionals = true
    public static let options: [OptionSpec] = [
        OptionSpec("debug", help: "Display debugging information"),
        OptionSpec("dryrun", help: "Prints what files would have been destroyed"),
        OptionSpec("default", help: "Destroys file at default proxy location"),
        OptionSpec("all", help: "Destroys any user (default) and delegated proxies that are found"),
    ]

    var dryRun: Bool
    var includeDefault: Bool
    var all: Bool
    var files: [String]

    public init(options: ParsedOptions) throws {
        dryRun = options.has("dryrun")
        all = options.has("all")
        files = options.positionals
        includeDefault = options.has("default") || all || files.isEmpty
    }

    public func run(in context: ToolContext) throws -> Int32 {
        var targets = files
        if includeDefault { targets.insert(GridSecurityPaths(context).proxy, at: 0) }
        if all { targets += delegatedProxies(context) }
        var failures = 0
        for path in targets where TextFile.exists(path) {
            if dryRun {
                context.err("Would remove \(path)\n")
                continue
            }
            do {
                try Self.destroy(path)
            } catch {
                context.err(GridToolsError("Couldn't destroy \(path)", hint: "check that the file is yours and its directory writable", underlying: error).rendered())
                failures += 1
            }
        }
        return failures == 0 ? 0 : 1
    }

    /// Delegated proxies the gatekeeper left for this user: `/tmp/x509up_p*` files owned by the uid.
    func delegatedProxies(_ context: ToolContext) -> [String] {
        let directory = context.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("x509up_p") }.sorted().map { directory + "/" + $0 }.filter { path in
            var info = stat()
            return stat(path, &info) == 0 && info.st_uid == context.uid
        }
    }

    /// Overwrites the file with zeros (the key must not linger on disk), then removes it.
    static func destroy(_ path: String) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if let handle = FileHandle(forWritingAtPath: path) {
            try? handle.write(contentsOf: Data(count: size))
            try? handle.synchronize()
            try? handle.close()
        }
        try FileManager.default.removeItem(atPath: path)
    }
}
