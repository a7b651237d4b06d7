import Foundation
import GridTools
import GridWire

/// Where the GridWay-style installation lives: `$GW_LOCATION` (default `/usr/local/gw`), with
/// `etc/` (gwd.conf, sched.conf, job_template.default, host.list) and `var/` (gwd.port, the job
/// directories, the database).
public struct GwdLocation: Sendable, Hashable {
    public static let defaultRoot = "/usr/local/gw"

    public var root: String

    public init(root: String) { self.root = root }

    /// `$GW_LOCATION`, else `/usr/local/gw`.
    public init(environment: [String: String]) {
        let value = environment["GW_LOCATION"] ?? ""
        root = value.isEmpty ? Self.defaultRoot : value
    }

    public var etc: String { root + "/etc" }
    public var varDirectory: String { root + "/var" }
    /// Written by gwd when it listens: `HOST PORT [ADDRESS]` (GridWay writes `HOST PORT`; ADDRESS is
    /// vgrid's addition for loopback tests, where HOST is a certificate name and ADDRESS is 127.0.0.x).
    public var portFile: String { varDirectory + "/gwd.port" }

    /// The gwd endpoint from `var/gwd.port`.
    public func gwdEndpoint() throws -> WireEndpoint {
        guard let text = try? String(contentsOfFile: portFile, encoding: .utf8) else {
            throw GridToolsError("cannot read \(portFile): is gwd running?",
                                 hint: "start it on the headnode (vgrid-service start gwd), or set GW_LOCATION")
        }
        return try Self.parsePortFile(text, path: portFile)
    }

    public static func parsePortFile(_ text: String, path: String) throws -> WireEndpoint {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard fields.count >= 2, let port = Int(fields[1]), (1...65535).contains(port) else {
            throw GridToolsError("\(path) does not hold 'HOST PORT'", hint: "restart gwd to write it again")
        }
        return WireEndpoint(host: fields[0], port: port, address: fields.count > 2 ? fields[2] : nil)
    }

    /// The text gwd writes to `var/gwd.port`.
    public static func portFileText(host: String, port: Int, address: String?) -> String {
        [host, String(port), address].compactMap { $0 }.joined(separator: " ") + "\n"
    }
}
