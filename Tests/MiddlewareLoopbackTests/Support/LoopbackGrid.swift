import Foundation
import GridCA
import Testing

/// A whole grid as real processes on loopback: gwd on 127.0.0.1, a gatekeeper on 127.0.0.2 and
/// 127.0.0.3 (2 slots each), the lab CA's files in a temporary directory, and two local accounts
/// whose commands run through `setpriv` as those users, exactly as students run them on a headnode.
///
/// The binary is the guest multi-call binary (`VGRID_GUEST_BIN`, else the image's
/// `images/build/guest-bin/vgrid-guest`, else this build's).
final class LoopbackGrid: @unchecked Sendable {
    static let shared: LoopbackGrid = {
        LoopbackGrid.killLeftovers()
        do {
            let grid = try LoopbackGrid()
            // The shared grid lives as long as the test process: stop its daemons when that exits.
            atexit { LoopbackGrid.shared.stopAll() }
            return grid
        } catch {
            fatalError("cannot build the loopback grid: \(error)")
        }
    }()

    /// Daemons of an earlier run that was killed before it could stop them hold the loopback ports.
    private static func killLeftovers() {
        let pidFile = "/tmp/vgrid-loopback.pids"
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8) {
            for pid in text.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: pidFile)
    }

    private func remember(_ process: Process) {
        let pidFile = "/tmp/vgrid-loopback.pids"
        let line = "\(process.processIdentifier)\n"
        if let handle = FileHandle(forWritingAtPath: pidFile) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: pidFile, contents: Data(line.utf8))
        }
    }

    struct Student {
        var name: String
        var uid: UInt32
        var gid: UInt32
        var directory: String
        var proxyFile: String
        var credential: GridCredential
    }

    let root: String
    let binary: String
    let location: String
    let trustDirectory: String
    let gridMapFile: String
    private(set) var store: CAStore
    let alice: Student
    let bob: Student
    let workers = [("worker1.test", "127.0.0.2"), ("worker2.test", "127.0.0.3")]
    private let lock = NSLock()
    private var gwd: Process?
    private var gatekeepers: [String: Process] = [:]
    private(set) var gwdPort = 0

    private init() throws {
        binary = try Self.findBinary()
        root = "/tmp/vgrid-loopback-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        location = root + "/gw"
        var ca = try CAStore.create(at: URL(fileURLWithPath: root + "/ca"), subject: "/O=Grid/OU=GlobusTest/OU=simpleCA-loopback/CN=Globus Simple CA")
        for name in ["head.test"] + workers.map(\.0) {
            let host = try ca.issueHost(dnsNames: [name])
            try Self.write(host.certificatePEM, root + "/hosts/\(name)/hostcert.pem", mode: 0o644)
            try Self.write(host.keyPEM, root + "/hosts/\(name)/hostkey.pem", mode: 0o400)
        }
        trustDirectory = root + "/certificates"
        try ca.installTrust(into: URL(fileURLWithPath: trustDirectory))
        let aliceCredential = try ca.issueUser(name: "Alice Loopback")
        let bobCredential = try ca.issueUser(name: "Bob Loopback")
        store = ca
        alice = try Self.student("vgrid-lb-alice", credential: aliceCredential, root: root)
        bob = try Self.student("vgrid-lb-bob", credential: bobCredential, root: root)
        var map = GridMapFile()
        map.add(dn: aliceCredential.subject, user: alice.name)
        map.add(dn: bobCredential.subject, user: bob.name)
        gridMapFile = root + "/grid-mapfile"
        try Self.write(map.text, gridMapFile, mode: 0o644)

        try Self.write("MONITORING_INTERVAL = 4\nSCHEDULING_INTERVAL = 5\n", location + "/etc/gwd.conf", mode: 0o644)
        try Self.write("DISPATCH_CHUNK = 0\nMAX_DISPATCH_RESOURCE = 0\nMAX_RUNNING_USER = 30\n", location + "/etc/sched.conf", mode: 0o644)
        try Self.write("NUMBER_OF_RETRIES = 3\n", location + "/etc/job_template.default", mode: 0o644)
        try Self.write(workers.map { "\($0.0) \($0.1)\n" }.joined(), location + "/etc/host.list", mode: 0o644)
        try startGwd()
        for (name, address) in workers { try startGatekeeper(name, address: address) }
        try waitForHosts(count: workers.count)
    }

    deinit { stopAll() }

    /// A directory of links named like the guest commands (gwsubmit -> the binary), for shell scripts.
    lazy var commandDirectory: String = {
        let directory = root + "/bin"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["gwsubmit", "gwwait", "gwps", "gwkill", "gwhost", "gwhistory"] {
            try? FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: binary)
        }
        return directory
    }()

    // MARK: processes

    func startGwd() throws {
        let process = try launch("gwd", append: true, ["gwd", "-location", location, "-listen", "127.0.0.1", "-hostname", "head.test",
                                         "-address", "127.0.0.1", "-port", String(gwdPort), "-admin", "root",
                                         "-cert", root + "/hosts/head.test/hostcert.pem", "-key", root + "/hosts/head.test/hostkey.pem",
                                         "-certdir", trustDirectory, "-gridmap", gridMapFile])
        lock.withLock { gwd = process }
        let portFile = location + "/var/gwd.port"
        try? FileManager.default.removeItem(atPath: portFile)
        guard Self.eventually(seconds: 20, { FileManager.default.fileExists(atPath: portFile) }) else {
            throw LoopbackError("gwd did not write \(portFile); see \(root)/gwd.log")
        }
        let fields = try String(contentsOfFile: portFile, encoding: .utf8).split(separator: " ")
        // A restarted gwd keeps its port: the gatekeepers keep reporting there.
        gwdPort = Int(fields[1])!
    }

    func startGatekeeper(_ name: String, address: String) throws {
        let process = try launch(name, [
            "gatekeeper", "-listen", address, "-hostname", name, "-gwd", "head.test:\(gwdPort)", "-gwd-address", "127.0.0.1",
            "-slots", "2", "-heartbeat", "1", "-cert", root + "/hosts/\(name)/hostcert.pem", "-key", root + "/hosts/\(name)/hostkey.pem",
            "-certdir", trustDirectory, "-gridmap", gridMapFile, "-jobs-dir", root + "/jobs/\(name)", "-spool-dir", root + "/spool/\(name)",
        ])
        lock.withLock { gatekeepers[name] = process }
    }

    /// A host certificate for another workernode (a lab grown after gwd started).
    func issueHostCredential(_ name: String) throws {
        try lock.withLock {
            let host = try store.issueHost(dnsNames: [name])
            try Self.write(host.certificatePEM, root + "/hosts/\(name)/hostcert.pem", mode: 0o644)
            try Self.write(host.keyPEM, root + "/hosts/\(name)/hostkey.pem", mode: 0o400)
        }
    }

    /// A user credential of this CA that no grid-mapfile lists.
    func issueUnmappedUser(_ name: String) throws -> GridCredential {
        try lock.withLock { try store.issueUser(name: name) }
    }

    /// Revokes a certificate and installs the new CRL where the running daemons read their trust.
    func revoke(_ credential: GridCredential) throws {
        try lock.withLock {
            _ = try store.revoke(subject: credential.subject)
            _ = try store.publishCRL()
            try store.installTrust(into: URL(fileURLWithPath: trustDirectory))
        }
    }

    /// Rewrites the grid-mapfile with extra entries (the daemons re-read it when it changes).
    func writeGridMap(extra: [(dn: String, user: String)] = []) throws {
        var map = GridMapFile()
        map.add(dn: alice.credential.subject, user: alice.name)
        map.add(dn: bob.credential.subject, user: bob.name)
        for entry in extra { map.add(dn: entry.dn, user: entry.user) }
        try Self.write(map.text, gridMapFile, mode: 0o644)
    }

    /// Rewrites host.list (gwd picks it up without a restart).
    func writeHostList(_ hosts: [(String, String)]) throws {
        try Self.write(hosts.map { "\($0.0) \($0.1)\n" }.joined(), location + "/etc/host.list", mode: 0o644)
    }

    /// kill -9 of gwd (no clean shutdown), as a crash would.
    func killGwd() {
        guard let process = lock.withLock({ gwd }) else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func killGatekeeper(_ name: String) {
        guard let process = lock.withLock({ gatekeepers[name] }) else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stopAll() {
        let all = lock.withLock { [gwd].compactMap { $0 } + Array(gatekeepers.values) }
        for process in all where process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        for process in all where process.isRunning { process.waitUntilExit() }
    }

    /// Waits until gwhost shows exactly `count` hosts with slots.
    func waitForHosts(count: Int) throws {
        var last = ""
        let ok = Self.eventually(seconds: 20) {
            guard let result = try? self.run(self.alice, "gwhost", ["-n"]) else { return false }
            last = result.output + result.error
            return result.status == 0 && result.output.split(separator: "\n").filter { !$0.contains(" 0/0/0 ") && !$0.isEmpty }.count == count
        }
        if !ok { throw LoopbackError("the gatekeepers did not report to gwd; gwhost said: \(last); see \(root)/*.log") }
    }

    /// `append`: a restarted daemon adds to its log (the first run's lines explain a failure).
    private func launch(_ name: String, append: Bool = true, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let log = root + "/\(name).log"
        if !append || !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root"]
        try process.run()
        remember(process)
        return process
    }

    // MARK: students' commands

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs a guest command as `student` in their directory (or `directory`), with their proxy.
    @discardableResult
    func run(_ student: Student, _ command: String, _ arguments: [String], stdin: String? = nil, directory: String? = nil,
             proxy: String? = nil, raw: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        // raw: `command` is a program of its own (a shell), with the guest commands on PATH.
        process.arguments = ["--reuid=\(student.uid)", "--regid=\(student.gid)", "--init-groups"] + (raw ? [command] : [binary, command]) + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? student.directory)
        process.environment = [
            "PATH": commandDirectory + ":/usr/bin:/bin", "HOME": student.directory, "USER": student.name, "GW_LOCATION": location,
            "X509_USER_PROXY": proxy ?? student.proxyFile, "X509_CERT_DIR": trustDirectory, "GRIDMAP": gridMapFile,
        ]
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A tool that exits without reading its input (it refused the key first) must not
        // kill the test run with SIGPIPE: ignore it, and let the write fail quietly.
        signal(SIGPIPE, SIG_IGN)
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }

    /// Writes a file in the student's directory, owned by the student.
    func put(_ student: Student, _ name: String, _ text: String, mode: Int = 0o644) throws {
        let path = student.directory + "/" + name
        try Self.write(text, path, mode: mode)
        chown(path, student.uid, student.gid)
    }

    func text(_ student: Student, _ name: String) -> String? {
        try? String(contentsOfFile: student.directory + "/" + name, encoding: .utf8)
    }

    /// gwsubmit -v: the job ids (one, or one per task).
    func submit(_ student: Student, _ template: String, name: String = "job.jt", options: [String] = []) throws -> [Int] {
        try put(student, name, template)
        let result = try run(student, "gwsubmit", ["-v"] + options + [name])
        guard result.status == 0 else { throw LoopbackError("gwsubmit failed: \(result.error)") }
        return Self.ids(in: result.output)
    }

    static func ids(in output: String) -> [Int] {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if let line = lines.first(where: { $0.hasPrefix("JOB ID:") }) {
            return [Int(line.dropFirst("JOB ID:".count).trimmingCharacters(in: .whitespaces))!]
        }
        // Arrays: a TASK JOB table.
        return lines.compactMap { line -> Int? in
            let fields = line.split(separator: " ")
            guard fields.count == 2, Int(fields[0]) != nil else { return nil }
            return Int(fields[1])
        }
    }

    // MARK: helpers

    private static func student(_ name: String, credential: GridCredential, root: String) throws -> Student {
        if getpwnam(name) == nil {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/useradd")
            process.arguments = ["-m", name]
            try process.run()
            process.waitUntilExit()
        }
        guard let entry = getpwnam(name) else { throw LoopbackError("cannot create the account \(name) (tests run as root)") }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        let directory = root + "/home/" + name
        // Attributes apply to intermediate directories too: make home/ traversable first.
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chown(directory, uid, gid)
        let proxy = try ProxyFactory.create(from: credential, options: ProxyOptions(keyBits: 2048))
        let proxyFile = directory + "/x509up"
        try write(ProxyFile.text(of: proxy), proxyFile, mode: 0o600)
        chown(proxyFile, uid, gid)
        return Student(name: name, uid: uid, gid: gid, directory: directory, proxyFile: proxyFile, credential: credential)
    }

    static func write(_ text: String, _ path: String, mode: Int) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw LoopbackError("cannot write \(path)")
        }
    }

    static func eventually(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date() + seconds
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    private static func findBinary() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let path = environment["VGRID_GUEST_BIN"], !path.isEmpty { candidates.append(path) }
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(here.appendingPathComponent("images/build/guest-bin/vgrid-guest").path)
        candidates.append(here.appendingPathComponent(".build/debug/vgrid-guest").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw LoopbackError("no vgrid-guest binary: run make guest (or set VGRID_GUEST_BIN)")
        }
        return found
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
