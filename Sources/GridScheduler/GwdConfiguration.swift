import Foundation
import GridMiddleware

/// Everything gwd needs to start: where it listens, its credentials, and the GridWay files.
public struct GwdConfiguration: Sendable {
    /// `$GW_LOCATION`: `etc/` holds gwd.conf, sched.conf, job_template.default, host.list; `var/` the state.
    public var location: String
    /// The address to bind (`0.0.0.0` in a lab, `127.0.0.1` in loopback tests).
    public var listenAddress: String
    /// The name clients check in gwd's host certificate, written to `var/gwd.port`.
    public var hostName: String
    /// The address written to `var/gwd.port` next to the name (loopback tests), or nil.
    public var advertisedAddress: String?
    public var certificateFile: String
    public var keyFile: String
    public var trustDirectory: String
    public var gridMapFile: String
    /// Local accounts that see and signal every job (GridWay: the account running gwd).
    public var administrators: Set<String>
    /// How long a heartbeat may be missing before a host counts as lost; nil takes MONITORING_INTERVAL.
    public var hostTimeout: Duration?
    /// Overrides GWD_PORT (0 for any free port, in tests).
    public var port: Int?

    public init(location: String, listenAddress: String = "0.0.0.0", hostName: String, advertisedAddress: String? = nil,
                certificateFile: String = "/etc/grid-security/hostcert.pem", keyFile: String = "/etc/grid-security/hostkey.pem",
                trustDirectory: String = "/etc/grid-security/certificates", gridMapFile: String = "/etc/grid-security/grid-mapfile",
                administrators: Set<String> = ["root"], hostTimeout: Duration? = nil, port: Int? = nil) {
        self.location = location
        self.listenAddress = listenAddress
        self.hostName = hostName
        self.advertisedAddress = advertisedAddress
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.trustDirectory = trustDirectory
        self.gridMapFile = gridMapFile
        self.administrators = administrators
        self.hostTimeout = hostTimeout
        self.port = port
    }

    var etc: String { location + "/etc" }
    var varDirectory: String { location + "/var" }
    var databasePath: String { varDirectory + "/gwd.db" }
    var portFile: String { varDirectory + "/gwd.port" }
    var proxyDirectory: String { varDirectory + "/proxies" }
}

/// The GridWay files of `etc/`, read at start (restart gwd to apply a change, as in GridWay).
struct GwdSettings: Sendable {
    var daemon: DaemonConfig
    var scheduler: SchedulerConfig
    var templateDefaults: JobTemplate
    var hosts: [HostListEntry]

    static func load(_ configuration: GwdConfiguration) throws -> GwdSettings {
        func text(_ name: String) throws -> String? {
            let path = configuration.etc + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do {
                return try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw GwdError("cannot read \(path)", hint: "check that the file is readable text", underlying: error)
            }
        }
        do {
            let daemon = try text("gwd.conf").map { try DaemonConfig.parse($0, file: configuration.etc + "/gwd.conf") } ?? DaemonConfig()
            let scheduler = try text("sched.conf").map { try SchedulerConfig.parse($0, file: configuration.etc + "/sched.conf") }
                ?? SchedulerConfig()
            let defaults = try text("job_template.default").map {
                try JobTemplate.parseDefaults($0, file: configuration.etc + "/job_template.default")
            } ?? JobTemplate()
            guard let hostList = try text("host.list") else {
                throw GwdError("\(configuration.etc)/host.list is missing",
                               hint: "list the workernodes there, one host name per line (vgrid up writes it)")
            }
            let hosts = try HostListEntry.parse(hostList, file: configuration.etc + "/host.list")
            return GwdSettings(daemon: daemon, scheduler: scheduler, templateDefaults: defaults, hosts: hosts)
        } catch let error as MiddlewareError {
            throw GwdError(error.message, hint: error.hint ?? "fix the file and start gwd again", underlying: error)
        }
    }
}

/// One line of `etc/host.list`: a workernode's name and, for loopback tests, its address.
struct HostListEntry: Sendable, Hashable {
    var name: String
    var address: String?

    static func parse(_ text: String, file: String) throws -> [HostListEntry] {
        var entries: [HostListEntry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.isEmpty { continue }
            guard fields.count <= 2 else {
                throw GwdError("\(file):\(index + 1): expected 'HOSTNAME [ADDRESS]', found '\(line)'",
                               hint: "one workernode per line")
            }
            if entries.contains(where: { $0.name.lowercased() == fields[0].lowercased() }) {
                throw GwdError("\(file):\(index + 1): \(fields[0]) is listed twice", hint: "list each workernode once")
            }
            entries.append(HostListEntry(name: fields[0], address: fields.count == 2 ? fields[1] : nil))
        }
        return entries
    }
}
