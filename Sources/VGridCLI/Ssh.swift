import ArgumentParser
import Foundation
import Provisioning

struct Ssh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Log in to a node over SSH as a lab user, as a student does; or run a command there.",
        discussion: """
            Examples: vgrid ssh intro head (alice's login shell on intro-head); \
            vgrid ssh intro worker1 --user bob -- hostname; \
            vgrid ssh course head --student student2 (or: vgrid ssh course course-student2-head). \
            It runs the system's ssh with the account's key from `vgrid up`, the lab's known_hosts \
            (a node with another host key is refused) and the node's external address, inside \
            libvirtd's network namespace when that is not vgrid's own. A command after `--` runs in \
            a login shell on the node; the exit status is ssh's (the command's, or 255 when ssh fails).
            """)

    @Argument(help: "The lab: its file, or its name.")
    var lab: String

    @Argument(help: "The node: its short name (head, worker1), or the name `vgrid status` shows (course-student1-head).")
    var node: String

    @Option(name: [.short, .long], help: "Log in as this lab user (default: a course copy's student, else the lab's first user who is not an admin).")
    var user: String?

    @Option(help: "In a course: the student whose copy of the lab NODE is in.")
    var student: String?

    @Flag(name: [.customShort("t"), .customLong("tty")], help: "Ask for a terminal even with a command (ssh -t).")
    var tty = false

    @Flag(name: .customLong("print"), help: "Print the command line instead of running it.")
    var printOnly = false

    @Argument(parsing: .postTerminator, help: "A command to run instead of a login shell, after `--`.")
    var command: [String] = []

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (ssh, arguments, namespace) = try reportingFailures { () throws -> (String, [String], String?) in
            let name = try LabReference(text: lab).labName()
            let store = StudentAccessStore(lab: name)
            guard let manifest = store.loadManifest() else {
                throw ProvisioningError(.labNotFound, "lab '\(name)' is not up on this host (no SSH access for it in \(store.root.path))",
                                        hint: "bring it up with: vgrid up LAB.yaml (a lab brought up by an older vgrid gets its keys at its next up)",
                                        subject: name)
            }
            let target = try SSHTarget.resolve(manifest, node: node, student: student, user: user)
            let key = store.privateKeyPath(target.instance.id, target.user)
            guard FileManager.default.fileExists(atPath: key) else {
                throw ProvisioningError(.userNotFound, "\(target.user) has no SSH key for \(target.instance.id) (\(key) is missing)",
                                        hint: "`vgrid up` on the lab file makes it", subject: target.user)
            }
            try LabHost(uri: connection.uri).requireReadyForLogin(domainName: target.node.domain, labName: name)
            try store.ensureKnownHosts(manifest)
            guard let ssh = SSHCommandLine.findProgram("ssh") else {
                throw ProvisioningError(.toolMissing, "ssh is not installed on this host",
                                        hint: "install it with: apt-get install openssh-client")
            }
            let line = SSHCommandLine(user: target.user, address: target.address, hostKeyAlias: target.node.domain,
                                      identityFile: key, knownHostsFile: store.knownHostsPath, command: command, forceTTY: tty)
            return (ssh, line.arguments, NetworkNamespaceProbe().namespaceToEnter(uri: connection.uri))
        }
        if printOnly {
            let words = (namespace.map { ["nsenter", "--net=\($0)", "--"] } ?? []) + [ssh] + arguments
            print(words.map(shellWord).joined(separator: " "))
            return
        }
        if let namespace {
            // The guests' addresses are reachable only from libvirtd's network namespace.
            let fd = open(namespace, O_RDONLY | O_CLOEXEC)
            guard fd >= 0, enterNetworkNamespace(fd) == 0 else {
                printError("error: cannot enter libvirtd's network namespace (\(namespace)): \(String(cString: strerror(errno)))\n"
                           + "  hint: run vgrid as root, or run ssh inside it yourself: vgrid ssh \(lab) \(node) --print")
                throw ExitCode(1)
            }
            close(fd)
        }
        let argv = ([ssh] + arguments).map { strdup($0) } + [nil]
        execv(ssh, argv)
        printError("error: cannot run \(ssh): \(String(cString: strerror(errno)))\n  hint: apt-get install openssh-client")
        throw ExitCode(69)
    }

    /// setns(2) for a network namespace. Swift's Glibc module does not export it, so it is
    /// looked up in the C library.
    private func enterNetworkNamespace(_ fd: Int32) -> Int32 {
        typealias SetNS = @convention(c) (Int32, Int32) -> Int32
        let cloneNewNet: Int32 = 0x4000_0000  // CLONE_NEWNET
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "setns") else {
            errno = ENOSYS
            return -1
        }
        return unsafeBitCast(symbol, to: SetNS.self)(fd, cloneNewNet)
    }

    private func shellWord(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")
        if !word.isEmpty && word.unicodeScalars.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
