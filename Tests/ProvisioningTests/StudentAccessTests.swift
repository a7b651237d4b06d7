import Foundation
import GridMiddleware
import LabModel
import Testing
@testable import Provisioning

/// Students' access: SSH keys through the seed, home files, access sheets, and how `vgrid ssh`
/// picks its target and builds ssh's command line.
struct StudentAccessUnitTests {
    static let hostPublic = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINqqA6yugr5/iAsg6f8QRrrDoFcEJ3ys+MOL3LMj7glN"

    /// Keys as `prepare` returns them, without running dropbearkey or ssh-keygen.
    static func fakeKeys(_ lab: Lab) -> StudentAccessKeys {
        var keys = StudentAccessKeys(hosts: [:], users: [:])
        for instance in lab.instances {
            for node in instance.nodes {
                keys.hosts[StudentAccessKeys.key(instance.id, node.name)] = .init(
                    privateKey: Array("host key of \(instance.id)/\(node.name)".utf8), publicKey: hostPublic)
            }
            for user in instance.users {
                keys.users[StudentAccessKeys.key(instance.id, user.name)] = .init(
                    privateKeyPath: "/keys/\(instance.id)/\(user.name)/id_ed25519",
                    publicKey: "ssh-ed25519 AAAAkeyof\(user.name) \(user.name)@\(instance.id)")
            }
        }
        return keys
    }

    static let courseYAML = """
        lab: course
        students: [ana, ben]
        nodes:
          - { name: head, role: headnode, memory: 128MiB }
          - { name: worker, role: workernode, count: 2 }
        users:
          - name: teacher
            admin: true
          - tom
        """

    // MARK: - Seeds

    @Test func everyNodeGetsItsHostKeySshdAndEachAccountsAuthorizedKeys() throws {
        let lab = try Labs.small(workers: 2)
        let layout = Labs.layout(lab)
        let composer = SeedComposer(contributors: [StudentAccessSeedContributor(keys: Self.fakeKeys(lab))])
        for (name, seed) in try Labs.seeds(layout, composer: composer) {
            let hostKey = try #require(seed.files.first { $0.path == "/etc/dropbear/dropbear_ed25519_host_key" }, "\(name)")
            #expect(hostKey.mode == 0o600 && hostKey.owner == "root")
            #expect(hostKey.contents == Array("host key of intro/\(name)".utf8))
            let sshd = try #require(seed.services.first { $0.name == "sshd" }, "\(name)")
            #expect(sshd.command == "dropbear -F -E -s -w -r /etc/dropbear/dropbear_ed25519_host_key -p 22")
            for user in ["alice", "bob"] {
                #expect(seed.directories.contains(.init(path: "/home/\(user)/.ssh", mode: 0o700, owner: user, group: user)), "\(name)")
                let keys = try #require(seed.files.first { $0.path == "/home/\(user)/.ssh/authorized_keys" }, "\(name) \(user)")
                #expect(keys.mode == 0o600 && keys.owner == user && keys.group == user)
                #expect(String(decoding: keys.contents, as: UTF8.self) == "ssh-ed25519 AAAAkeyof\(user) \(user)@intro\n")
            }
            // The private key of an account never goes into a seed.
            #expect(!seed.files.contains { $0.path.hasSuffix("id_ed25519") })
        }
    }

    @Test func courseCopiesGetTheirOwnKeysPerStudentAndListedUser() throws {
        let lab = try Labs.parse(Self.courseYAML)
        let keys = Self.fakeKeys(lab)
        #expect(keys.users.keys.sorted() == ["course-ana/ana", "course-ana/teacher", "course-ana/tom",
                                             "course-ben/ben", "course-ben/teacher", "course-ben/tom"])
        let layout = Labs.layout(lab, instance: 1)
        let seed = try SeedComposer(contributors: [StudentAccessSeedContributor(keys: keys)]).seed(for: layout.nodes[1], in: layout)
        let authorized = seed.files.filter { $0.path.hasSuffix("/.ssh/authorized_keys") }
        #expect(authorized.map(\.path).sorted() == ["/home/ben/.ssh/authorized_keys", "/home/teacher/.ssh/authorized_keys",
                                                    "/home/tom/.ssh/authorized_keys"])
        #expect(authorized.allSatisfy { String(decoding: $0.contents, as: UTF8.self).hasSuffix("@course-ben\n") })
        #expect(seed.files.first { $0.path.hasPrefix("/etc/dropbear/") }?.contents == Array("host key of course-ben/worker1".utf8))
    }

    @Test func seedTreeListsDirectoriesWithATrailingSlashBeforeFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let lab = try Labs.small(workers: 1, users: ["alice"])
        let layout = Labs.layout(lab)
        let seed = try SeedComposer(contributors: [StudentAccessSeedContributor(keys: Self.fakeKeys(lab))]).seed(for: layout.nodes[0], in: layout)
        try SeedImageWriter().writeTree(seed, to: dir.path)
        let list = try String(contentsOfFile: dir.path + "/vgrid/files.list", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(list.first == "700 alice:alice /home/alice/.ssh/")
        #expect(list.contains("600 alice:alice /home/alice/.ssh/authorized_keys"))
        #expect(list.contains("600 root:root /etc/dropbear/dropbear_ed25519_host_key"))
        #expect(FileManager.default.contents(atPath: dir.path + "/vgrid/files/etc/dropbear/dropbear_ed25519_host_key")
                == Data("host key of intro/head".utf8))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/vgrid/files/home/alice/.ssh/"
                                                + "authorized_keys/"), "a directory entry has no content in the tree")
        #expect(try String(contentsOfFile: dir.path + "/vgrid/services", encoding: .utf8).contains("sshd dropbear -F"))
    }

    @Test func aDirectorysModeIsPartOfTheSeedsContent() throws {
        let layout = Labs.layout(try Labs.small(workers: 1))
        var seed = try SeedComposer().seed(for: layout.nodes[0], in: layout)
        let before = seed.contentHash
        seed.directories.append(.init(path: "/home/alice/.ssh", mode: 0o700, owner: "alice", group: "alice"))
        let with700 = seed.contentHash
        seed.directories[0].mode = 0o755
        #expect(before != with700 && with700 != seed.contentHash)
    }

    // MARK: - Home files

    @Test func headnodeHomesGetExamplesAndTutorialsOwnedByTheAccount() throws {
        let lab = try Labs.small(workers: 1)
        let layout = Labs.layout(lab)
        let tutorials = [(name: "01-tour.md", contents: Array("# Tour\n".utf8))]
        let composer = SeedComposer(contributors: [StudentHomeSeedContributor(tutorials: tutorials)])
        let seeds = try Labs.seeds(layout, composer: composer)
        let head = try #require(seeds["head"])
        for user in ["alice", "bob"] {
            let examples = head.files.filter { $0.path.hasPrefix("/home/\(user)/examples/") }
            #expect(Set(examples.map { ($0.path as NSString).lastPathComponent })
                    == ["README", "hello.jt", "hello.sh", "script.jt", "sweep.jt", "first.jt", "second.jt", "step.jt", "diamond.dag"])
            #expect(examples.allSatisfy { $0.owner == user && $0.group == user })
            #expect(examples.first { $0.path.hasSuffix("/hello.sh") }?.mode == 0o755)
            let tutorial = try #require(head.files.first { $0.path == "/home/\(user)/tutorials/01-tour.md" })
            #expect(tutorial.owner == user && tutorial.mode == 0o644 && tutorial.contents == Array("# Tour\n".utf8))
        }
        #expect(!(seeds["worker1"]?.files.contains { $0.path.contains("/examples/") || $0.path.contains("/tutorials/") } ?? true))
    }

    @Test func tutorialsComeFromCourseMaterialBesideTheLabFileOrOneUp() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let material = dir.path + "/course-material"
        try FileManager.default.createDirectory(atPath: material, withIntermediateDirectories: true)
        for name in ["01-tour.md", "02-certificates.md", "instructor-guide.md", ".draft.md", "notes.txt"] {
            try "# \(name)\n".write(toFile: "\(material)/\(name)", atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: dir.path + "/labs", withIntermediateDirectories: true)
        let besides = CourseMaterial.tutorials(forLabAt: dir.path + "/intro.yaml").map(\.name)
        let oneUp = CourseMaterial.tutorials(forLabAt: dir.path + "/labs/intro.yaml").map(\.name)
        #expect(besides == ["01-tour.md", "02-certificates.md"])
        #expect(oneUp == besides)
        #expect(CourseMaterial.tutorials(forLabAt: dir.path + "/labs/deeper/x/intro.yaml").isEmpty, "absent: no tutorials, no error")
        // The repository's own course material, as labs/intro.yaml finds it.
        let shipped = CourseMaterial.tutorials(forLabAt: try Labs.example("intro.yaml").sourcePath).map(\.name)
        #expect(shipped.contains("06-jobs.md") && shipped.contains("README.md") && !shipped.contains("instructor-guide.md"))
    }

    @Test func everyExampleTemplateAndTheDagParseAsTheMiddlewareReadsThem() throws {
        let files = Dictionary(uniqueKeysWithValues: JobExamples.files.map { ($0.name, $0.text) })
        for name in files.keys where name.hasSuffix(".jt") {
            let (template, warnings) = try JobTemplate.parseReporting(files[name]!, file: name)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            #expect(template.executable != nil, "\(name)")
        }
        let dag = try DagFile.parse(files["diamond.dag"]!, file: "diamond.dag")
        #expect(dag.jobs.map(\.name) == ["prepare", "left", "right", "merge"])
        #expect(dag.jobs.allSatisfy { files[$0.template] != nil }, "the DAG names templates that are in ~/examples")
        #expect(files["hello.sh"]!.hasPrefix("#!/bin/sh\n"))
        for name in ["hello.jt", "script.jt", "sweep.jt", "first.jt", "second.jt", "diamond.dag"] {
            #expect(files["README"]!.contains(name), "the README explains \(name)")
        }
    }

    // MARK: - Access sheets and key files

    @Test func accessSheetNamesTheCopyNodesAddressesKeyAndGridIdentity() throws {
        let lab = try Labs.parse(Self.courseYAML)
        let layout = Labs.layout(lab, instance: 0)
        let keys = Self.fakeKeys(lab)
        let credential = LabCredentials.UserCredential(name: "ana", dn: "/O=Grid/OU=GlobusTest/OU=simpleCA-course/OU=local/CN=ana",
                                                       passphrase: "s3cretPhrase", certificate: "", encryptedKey: "")
        let text = AccessSheet(labName: "course", layout: layout, user: "ana", key: keys.users["course-ana/ana"]!,
                               keys: keys, credential: credential).text
        #expect(text.contains("lab:        course"))
        #expect(text.contains("instance:   course-ana  (the copy of student ana)"))
        #expect(text.contains("account:    ana"))
        #expect(text.contains("vgrid ssh course head --student ana --user ana"))
        #expect(text.contains("ssh -i id_ed25519 ana@192.168.130.10"))
        #expect(text.contains("private key:          /keys/course-ana/ana/id_ed25519"))
        #expect(text.contains("DN:         /O=Grid/OU=GlobusTest/OU=simpleCA-course/OU=local/CN=ana"))
        #expect(text.contains("passphrase: s3cretPhrase"))
        for (node, internalAddress, external) in [("head", "10.213.7.10", "192.168.130.10"), ("worker1", "10.213.7.11", "192.168.130.11"),
                                                  ("worker2", "10.213.7.12", "192.168.130.12")] {
            #expect(text.split(separator: "\n").contains {
                $0.contains(node) && $0.contains(internalAddress) && $0.contains(external) }, "\(node) and its addresses")
            #expect(text.contains("\(external) \(Self.hostPublic)"), "known_hosts line for \(node)")
        }
        #expect(text.contains(StudentAccessStore.fingerprint(Self.hostPublic)!))
    }

    @Test func fingerprintIsOpenSSHs() {
        // ssh-keygen -lf of this key prints SHA256:+Zyv3Is/sDEwZya2rp1ERvPVu0TDbRdc7k9qnaBwLrA
        #expect(StudentAccessStore.fingerprint(Self.hostPublic + " root@vm") == "SHA256:+Zyv3Is/sDEwZya2rp1ERvPVu0TDbRdc7k9qnaBwLrA")
        #expect(StudentAccessStore.fingerprint("garbage") == nil)
    }

    static var haveKeyTools: Bool {
        SSHCommandLine.findProgram("dropbearkey") != nil && SSHCommandLine.findProgram("ssh-keygen") != nil
    }

    @Test(.enabled(if: haveKeyTools, "needs dropbearkey (dropbear-bin) and ssh-keygen (openssh-client)"))
    func keysAreMadeOnceKeptPrivateAndWrittenWithSheetsAndKnownHosts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let lab = try Labs.small(workers: 1, users: ["alice"])
        let store = StudentAccessStore(root: URL(fileURLWithPath: dir.path + "/access/intro"), labName: "intro")
        #expect(store.missingKeys(for: lab.instances) == ["intro/head", "intro/worker1", "intro/alice"])
        #expect(provisioningError(.io) { _ = try store.prepare(lab.instances, readOnly: true) } != nil, "plan makes no keys")

        let keys = try store.prepare(lab.instances)
        #expect(store.missingKeys(for: lab.instances).isEmpty)
        let user = try #require(keys.users["intro/alice"])
        #expect(user.privateKeyPath == dir.path + "/access/intro/intro/users/alice/id_ed25519")
        #expect(user.publicKey.hasPrefix("ssh-ed25519 ") && user.publicKey.hasSuffix(" alice@intro"))
        let host = try #require(keys.hosts["intro/head"])
        #expect(host.publicKey.hasPrefix("ssh-ed25519 ") && host.publicKey.split(separator: " ").count == 2)
        let mode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
        #expect(try mode(user.privateKeyPath) == 0o600)
        #expect(try mode(dir.path + "/access/intro/intro/nodes/head/dropbear_ed25519_host_key") == 0o600)
        #expect(try mode(dir.path + "/access/intro/intro/users/alice") == 0o700)
        // The private key is the pair of the public one.
        let derived = try runHost("ssh-keygen", ["-y", "-f", user.privateKeyPath])
        #expect(derived.stdout.hasPrefix(StudentAccessStore.keyTypeAndBlob(user.publicKey)))

        // A second `up` keeps every key.
        let again = try store.prepare(lab.instances)
        #expect(again.hosts == keys.hosts && again.users == keys.users)

        let layout = Labs.layout(lab)
        let sheets = try store.writeAccessFiles([layout], keys: keys, credentials: nil)
        #expect(sheets == [AccessSheetSummary(instance: "intro", user: "alice", path: store.sheetPath("intro", "alice"))])
        #expect(try mode(store.sheetPath("intro", "alice")) == 0o600)
        let known = try String(contentsOfFile: store.knownHostsPath, encoding: .utf8)
        #expect(known.contains("intro-head,192.168.130.10,10.213.7.10 \(host.publicKey)\n"))
        #expect(store.loadManifest() == AccessManifest(lab: "intro", layouts: [layout]))

        // A known_hosts line that no longer matches stays as it is (ssh must refuse);
        // a node missing from the file is added.
        let tampered = known.replacingOccurrences(of: host.publicKey, with: Self.hostPublic)
            .split(separator: "\n").filter { !$0.hasPrefix("intro-worker1") }.joined(separator: "\n") + "\n"
        try tampered.write(toFile: store.knownHostsPath, atomically: true, encoding: .utf8)
        try store.ensureKnownHosts(try #require(store.loadManifest()))
        let repaired = try String(contentsOfFile: store.knownHostsPath, encoding: .utf8)
        #expect(repaired.contains("intro-head,192.168.130.10,10.213.7.10 \(Self.hostPublic)\n"))
        #expect(repaired.contains("intro-worker1,192.168.130.11,10.213.7.11 \(keys.hosts["intro/worker1"]!.publicKey)\n"))
    }

    // MARK: - vgrid ssh: target and command line

    static func manifest(_ yaml: String) throws -> AccessManifest {
        let lab = try Labs.parse(yaml)
        return AccessManifest(lab: lab.name, layouts: lab.instances.indices.map {
            Labs.layout(lab, instance: $0, internal: "10.213.\(7 + $0).0/24", external: "192.168.\(130 + $0).0/24")
        })
    }

    @Test func plainLabsTakeShortNamesAndTheFirstUserWhoIsNotAnAdmin() throws {
        let manifest = try Self.manifest("""
            lab: intro
            nodes: [{ name: head, role: headnode }, { name: worker, role: workernode, count: 2 }]
            users: [{ name: bob, admin: true }, alice, carol]
            """)
        let target = try SSHTarget.resolve(manifest, node: "worker2", student: nil, user: nil)
        #expect(target.instance.id == "intro" && target.node.domain == "intro-worker2" && target.user == "alice")
        #expect(target.address == "192.168.130.12")
        #expect(try SSHTarget.resolve(manifest, node: "intro-head", student: nil, user: "bob").user == "bob")

        let node = provisioningError(.nodeNotFound) { _ = try SSHTarget.resolve(manifest, node: "worker3", student: nil, user: nil) }
        #expect(node?.hint == "its nodes: head, worker1, worker2")
        let user = provisioningError(.userNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: nil, user: "mallory") }
        #expect(user?.hint == "its accounts: bob, alice, carol")
        let root = provisioningError(.userNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: nil, user: "root") }
        #expect(root?.hint?.contains("vgrid exec") == true)
        let notCourse = provisioningError(.labNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: "ana", user: nil) }
        #expect(notCourse?.hint?.contains("not a course") == true)
    }

    @Test func coursesTakeTheDomainNameOrStudentAndLogInAsTheStudent() throws {
        let manifest = try Self.manifest(Self.courseYAML)
        let byDomain = try SSHTarget.resolve(manifest, node: "course-ben-head", student: nil, user: nil)
        #expect(byDomain.instance.id == "course-ben" && byDomain.node.name == "head" && byDomain.user == "ben")
        #expect(byDomain.address == "192.168.131.10")
        let byStudent = try SSHTarget.resolve(manifest, node: "worker1", student: "ana", user: "teacher")
        #expect(byStudent.node.domain == "course-ana-worker1" && byStudent.user == "teacher")

        let ambiguous = provisioningError(.nodeNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: nil, user: nil) }
        #expect(ambiguous?.hint?.contains("--student") == true && ambiguous?.hint?.contains("course-ana-head") == true)
        let unknown = provisioningError(.labNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: "zoe", user: nil) }
        #expect(unknown?.hint == "its students: ana, ben")
        // Another student's account is not on this copy.
        #expect(provisioningError(.userNotFound) { _ = try SSHTarget.resolve(manifest, node: "head", student: "ana", user: "ben") } != nil)
    }

    @Test func bridgedLabsConnectToTheInternalAddress() throws {
        let lab = try Labs.small(mode: "bridge", bridge: "br0")
        let manifest = AccessManifest(lab: lab.name, layouts: [Labs.layout(lab, external: nil)])
        #expect(try SSHTarget.resolve(manifest, node: "head", student: nil, user: nil).address == "10.213.7.10")
    }

    @Test func sshChecksTheHostKeyStrictlyAndRunsCommandsInALoginShell() {
        var line = SSHCommandLine(user: "alice", address: "192.168.130.10", hostKeyAlias: "intro-head",
                                  identityFile: "/var/lib/vgrid/access/intro/intro/users/alice/id_ed25519",
                                  knownHostsFile: "/var/lib/vgrid/access/intro/known_hosts")
        let interactive = line.arguments
        func option(_ name: String, in arguments: [String]) -> String? {
            zip(arguments, arguments.dropFirst()).first { $0.0 == "-o" && $0.1.hasPrefix(name + "=") }.map { String($0.1.dropFirst(name.count + 1)) }
        }
        #expect(option("StrictHostKeyChecking", in: interactive) == "yes")
        #expect(option("UserKnownHostsFile", in: interactive) == "/var/lib/vgrid/access/intro/known_hosts")
        #expect(option("GlobalKnownHostsFile", in: interactive) == "/dev/null")
        #expect(option("HostKeyAlias", in: interactive) == "intro-head")
        #expect(option("IdentitiesOnly", in: interactive) == "yes")
        #expect(option("PasswordAuthentication", in: interactive) == "no")
        #expect(Array(interactive.prefix(4)) == ["-F", "/dev/null", "-i", "/var/lib/vgrid/access/intro/intro/users/alice/id_ed25519"])
        #expect(Array(interactive.suffix(5)) == ["-p", "22", "-l", "alice", "192.168.130.10"])
        #expect(!interactive.contains("-t") && !interactive.contains("--"))

        line.command = ["echo", "it's", "$HOME;", "exit", "3"]
        line.forceTTY = true
        let withCommand = line.arguments
        #expect(Array(withCommand.suffix(2)) == ["--", #"exec sh -l -c 'echo it'\''s $HOME; exit 3'"#])
        #expect(withCommand.contains("-t"))

        line.knownHostsFile = "/tmp/my labs/known_hosts"
        #expect(option("UserKnownHostsFile", in: line.arguments) == "\"/tmp/my labs/known_hosts\"")
    }

    @Test func theRemoteCommandRunsInALoginShellWithTheSameWords() throws {
        // What the node's /bin/sh -c does with ssh's joined command: the words reach a login
        // shell as one script (here the host's sh stands in, with a fake HOME and no profile).
        let line = SSHCommandLine(user: "a", address: "x", hostKeyAlias: "x", identityFile: "k", knownHostsFile: "f",
                                  command: ["printf", "'%s|'", "a b", "\"c d\";", "exit", "3"])
        let run = try runHost("sh", ["-c", line.remoteCommand.replacingOccurrences(of: "sh -l -c", with: "sh -c")])
        #expect(run.status == 3)
        #expect(run.stdout == "a|b|c d|", "\(run.stdout)")
    }

    // MARK: - Network namespace

    @Test func localURIsAreTheOnesWithoutAHost() {
        for uri in ["qemu:///system", "qemu:///session", "qemu+unix:///system", "qemu+unix:///system?socket=/run/x"] {
            #expect(NetworkNamespaceProbe.isLocal(uri: uri), "\(uri)")
        }
        for uri in ["qemu+ssh://root@lab/system", "qemu+tcp://lab/system", "qemu://lab/system", "nonsense"] {
            #expect(!NetworkNamespaceProbe.isLocal(uri: uri), "\(uri)")
        }
    }

    /// A /proc and /run laid out as the probe reads them.
    struct FakeHost {
        let dir: TemporaryDirectory
        var proc: String { dir.path + "/proc" }
        var run: String { dir.path + "/run" }

        init() throws {
            dir = try TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: proc + "/self/ns", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
            try "mine".write(toFile: proc + "/self/ns/net", atomically: true, encoding: .utf8)
        }

        /// A process; `sameNamespace` links its ns/net to ours (same inode).
        func process(_ pid: Int, _ command: String, sameNamespace: Bool, pidFile: Bool = false) throws {
            try FileManager.default.createDirectory(atPath: "\(proc)/\(pid)/ns", withIntermediateDirectories: true)
            try "\(command)\n".write(toFile: "\(proc)/\(pid)/comm", atomically: true, encoding: .utf8)
            if sameNamespace {
                try FileManager.default.createSymbolicLink(atPath: "\(proc)/\(pid)/ns/net", withDestinationPath: proc + "/self/ns/net")
            } else {
                try "theirs \(pid)".write(toFile: "\(proc)/\(pid)/ns/net", atomically: true, encoding: .utf8)
            }
            if pidFile { try "\(pid)\n".write(toFile: "\(run)/\(command).pid", atomically: true, encoding: .utf8) }
        }

        var probe: NetworkNamespaceProbe { NetworkNamespaceProbe(procRoot: proc, runRoot: run) }
    }

    @Test func sshEntersLibvirtdsNamespaceOnlyWhenItIsAnotherOne() throws {
        let host = try FakeHost()
        defer { host.dir.cleanUp() }
        #expect(host.probe.namespaceToEnter(uri: "qemu:///system") == nil, "no libvirtd: stay")

        try host.process(40, "bash", sameNamespace: false)
        try host.process(77, "libvirtd", sameNamespace: false)
        #expect(host.probe.daemonPID() == 77, "found in the process table")
        #expect(host.probe.namespaceToEnter(uri: "qemu:///system") == host.proc + "/77/ns/net")
        #expect(host.probe.namespaceToEnter(uri: "qemu+ssh://root@elsewhere/system") == nil, "a remote libvirtd: stay")

        // The pid file wins over the scan; a stale pid file (another program) is ignored.
        try host.process(90, "libvirtd", sameNamespace: true, pidFile: true)
        #expect(host.probe.daemonPID() == 90)
        #expect(host.probe.namespaceToEnter(uri: "qemu:///system") == nil, "same namespace: stay")
        try "40\n".write(toFile: host.run + "/libvirtd.pid", atomically: true, encoding: .utf8)
        #expect(host.probe.daemonPID() == 77)
    }

    @Test func modularDaemonsCountToo() throws {
        let host = try FakeHost()
        defer { host.dir.cleanUp() }
        try host.process(12, "virtqemud", sameNamespace: false)
        #expect(host.probe.namespaceToEnter(uri: "qemu:///system") == host.proc + "/12/ns/net")
    }

    @Test func theRealProcessTableIsReadable() {
        // On any Linux host: our own namespace file exists; a remote URI never enters one.
        #expect(NetworkNamespaceProbe.identity("/proc/self/ns/net") != nil)
        #expect(NetworkNamespaceProbe().namespaceToEnter(uri: "qemu+ssh://h/system") == nil)
    }
}
