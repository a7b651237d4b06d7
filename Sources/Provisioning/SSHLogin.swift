import Foundation

/// Where `vgrid ssh` logs in: which copy of the lab, which node, which account; resolved from
/// the access manifest `up` wrote, so it needs no lab file.
public struct SSHTarget: Sendable, Equatable {
    public var instance: AccessManifest.Instance
    public var node: AccessManifest.Node
    public var user: String

    /// The address ssh connects to: the node's external address, else (a bridged external
    /// network, addresses by DHCP) its internal one; the host has an address on both
    /// networks vgrid creates.
    public var address: String { node.externalAddress ?? node.internalAddress }

    /// Resolves `NODE` (a short name such as `head`, or the domain name `vgrid status` shows,
    /// such as `course-student1-head`), `--student` and `--user` against the manifest.
    public static func resolve(_ manifest: AccessManifest, node name: String, student: String?,
                               user: String?) throws -> SSHTarget {
        var instance: AccessManifest.Instance
        if let student {
            guard let match = manifest.instances.first(where: { $0.student == student }) else {
                let students = manifest.instances.compactMap(\.student)
                throw ProvisioningError(.labNotFound, "lab '\(manifest.lab)' has no student '\(student)'",
                                        hint: students.isEmpty ? "'\(manifest.lab)' is not a course: leave out --student"
                                            : "its students: \(students.joined(separator: ", "))", subject: student)
            }
            instance = match
        } else if let match = manifest.instances.first(where: { $0.nodes.contains { $0.domain == name } }) {
            instance = match
        } else if manifest.instances.count == 1 {
            instance = manifest.instances[0]
        } else {
            let example = manifest.instances.first.flatMap { first in first.nodes.first.map { "\(first.id)-\($0.name)" } } ?? name
            throw ProvisioningError(.nodeNotFound, "lab '\(manifest.lab)' is a course with \(manifest.instances.count) copies: '\(name)' does not say whose",
                                    hint: "add --student NAME, or give the node's full name as vgrid status shows it (e.g. \(example))",
                                    subject: name)
        }
        guard let node = instance.node(named: name) else {
            throw ProvisioningError(.nodeNotFound, "\(instance.id) has no node '\(name)'",
                                    hint: "its nodes: \(instance.nodes.map(\.name).joined(separator: ", "))", subject: name)
        }
        guard let account = user ?? instance.defaultUser else {
            throw ProvisioningError(.userNotFound, "\(instance.id) has no accounts to log in as",
                                    hint: "add users: to the lab file and run vgrid up", subject: instance.id)
        }
        guard instance.users.contains(where: { $0.name == account }) else {
            throw ProvisioningError(.userNotFound, "\(instance.id) has no account '\(account)'",
                                    hint: "its accounts: \(instance.users.map(\.name).joined(separator: ", "))"
                                        + (account == "root" ? " (root logs in with: vgrid exec or vgrid console)" : ""),
                                    subject: account)
        }
        return SSHTarget(instance: instance, node: node, user: account)
    }
}

/// The `ssh` command line `vgrid ssh` runs: the account's key only, the lab's known_hosts with
/// strict checking (a node presenting another key is refused), the node's domain name as the
/// key's alias, and no user configuration that could change any of it.
public struct SSHCommandLine: Sendable, Equatable {
    public var user: String
    public var address: String
    public var hostKeyAlias: String
    public var identityFile: String
    public var knownHostsFile: String
    /// Given after `--`: run non-interactively in a login shell (so `PATH`, `GW_LOCATION` and the
    /// lab's variables are set as in an interactive session); empty: an interactive login.
    public var command: [String] = []
    /// Ask for a terminal even with a command (`ssh -t`).
    public var forceTTY = false
    public var connectTimeoutSeconds = 15

    public init(user: String, address: String, hostKeyAlias: String, identityFile: String, knownHostsFile: String,
                command: [String] = [], forceTTY: Bool = false) {
        self.user = user
        self.address = address
        self.hostKeyAlias = hostKeyAlias
        self.identityFile = identityFile
        self.knownHostsFile = knownHostsFile
        self.command = command
        self.forceTTY = forceTTY
    }

    /// ssh's arguments (without the program name).
    public var arguments: [String] {
        var arguments = ["-F", "/dev/null", "-i", identityFile]
        let options = [
            "IdentitiesOnly=yes", "IdentityAgent=none", "PasswordAuthentication=no", "KbdInteractiveAuthentication=no",
            "UserKnownHostsFile=\(Self.configQuoted(knownHostsFile))", "GlobalKnownHostsFile=/dev/null",
            "StrictHostKeyChecking=yes", "HostKeyAlias=\(hostKeyAlias)", "CheckHostIP=no", "UpdateHostKeys=no",
            "ConnectTimeout=\(connectTimeoutSeconds)", "LogLevel=ERROR",
        ]
        for option in options { arguments += ["-o", option] }
        if forceTTY { arguments.append("-t") }
        arguments += ["-p", "22", "-l", user, address]
        if !command.isEmpty { arguments += ["--", remoteCommand] }
        return arguments
    }

    /// What the node's shell runs: ssh joins the words with spaces and the remote shell reads
    /// them (as `ssh host a b` does), here inside a login shell.
    public var remoteCommand: String {
        "exec sh -l -c " + Self.shellQuoted(command.joined(separator: " "))
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// ssh_config splits values at white space unless quoted (UserKnownHostsFile takes a list).
    static func configQuoted(_ path: String) -> String {
        path.contains(where: { $0 == " " || $0 == "\t" }) ? "\"\(path)\"" : path
    }

    /// The first executable `name` on `PATH`.
    public static func findProgram(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// The network namespace the lab's bridges live in. vgrid's own scripts run libvirtd in a
/// namespace of its own (scripts/lab-host.sh, `vgrid`), where the guests' addresses are
/// reachable and nowhere else; on an ordinary host it is the host's own.
public struct NetworkNamespaceProbe: Sendable {
    /// `/proc`, or a directory laid out like it (tests).
    public var procRoot: String
    /// Where daemons write their pid files (`/run`).
    public var runRoot: String
    /// The daemons that own the lab's bridges, in the order they are looked for.
    public static let daemonNames = ["libvirtd", "virtqemud", "virtnetworkd"]

    public init(procRoot: String = "/proc", runRoot: String = "/run") {
        self.procRoot = procRoot
        self.runRoot = runRoot
    }

    /// Whether a libvirt URI names the daemon on this machine (`qemu:///system`,
    /// `qemu+unix:///system`), not one reached over the network.
    public static func isLocal(uri: String) -> Bool {
        guard let schemeEnd = uri.range(of: "://") else { return false }
        let scheme = uri[..<schemeEnd.lowerBound]
        let transport = scheme.split(separator: "+", maxSplits: 1).dropFirst().first.map(String.init)
        guard transport == nil || transport == "unix" else { return false }
        let rest = uri[schemeEnd.upperBound...]
        return rest.hasPrefix("/")  // no host between :// and the path
    }

    /// The pid of the local libvirt daemon: from its pid file, else by looking through the
    /// process table.
    public func daemonPID() -> Int32? {
        for name in Self.daemonNames {
            if let text = try? String(contentsOfFile: "\(runRoot)/\(name).pid", encoding: .utf8),
               let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), command(of: pid) == name {
                return pid
            }
        }
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []).compactMap(Int32.init).sorted()
        for name in Self.daemonNames {
            if let pid = pids.first(where: { command(of: $0) == name }) { return pid }
        }
        return nil
    }

    func command(of pid: Int32) -> String? {
        (try? String(contentsOfFile: "\(procRoot)/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The namespace file to enter before connecting to the lab's guests (`/proc/PID/ns/net` of
    /// the local libvirt daemon) when it is not the one vgrid runs in; nil when it is the same,
    /// the URI is remote, or no daemon is found.
    public func namespaceToEnter(uri: String) -> String? {
        guard Self.isLocal(uri: uri), let pid = daemonPID() else { return nil }
        let theirs = "\(procRoot)/\(pid)/ns/net"
        guard let mine = Self.identity("\(procRoot)/self/ns/net"), let other = Self.identity(theirs), mine != other else { return nil }
        return theirs
    }

    /// Device and inode of a namespace file (what tells two namespaces apart).
    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}

extension LabHost {
    /// Throws unless the node exists, runs and answers its guest agent (which it does only once
    /// its seed, sshd included, is applied): the checks before `vgrid ssh` logs in.
    public func requireReadyForLogin(domainName: String, labName: String) throws {
        guard let domain = try libvirt(domainName, "lookup", { try connection.lookupDomain(name: domainName) }) else {
            throw ProvisioningError(.labNotFound, "\(domainName) does not exist on \(uri): lab '\(labName)' is not up",
                                    hint: "bring it up with: vgrid up LAB.yaml", subject: domainName)
        }
        guard try libvirt(domainName, "state", { try domain.isActive }) else {
            throw ProvisioningError(.nodeNotReady, "\(domainName) is not running",
                                    hint: "start it with: vgrid up LAB.yaml", subject: domainName)
        }
        let agent = try agent(domainName: domainName)
        guard (try? agent.ping(timeoutSeconds: 3)) != nil || (try? agent.ping(timeoutSeconds: 5)) != nil else {
            throw ProvisioningError(.nodeNotReady, "\(domainName) is running but not ready (its guest agent does not answer yet)",
                                    hint: "wait until `vgrid status \(labName)` shows it ready; `vgrid console \(domainName)` shows its boot",
                                    subject: domainName)
        }
    }
}
