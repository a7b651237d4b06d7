import Foundation
import Testing

extension RealLabTests {
    /// Students' access on a real lab: `vgrid ssh` through each node's Dropbear with the keys
    /// `up` made, what a student finds at home, the access sheet, strict host key checking, and
    /// host keys that survive a fresh disk.
    @Suite struct StudentAccessTests {
        let instance = "it-access"
        var accessDir: String { "/var/lib/vgrid/access/\(instance)" }

        /// A lab in a directory of its own, with course material beside it.
        func labFile() throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-it-access-\(UUID().uuidString.prefix(8))")
            let material = dir.appendingPathComponent("course-material")
            try FileManager.default.createDirectory(at: material, withIntermediateDirectories: true)
            for name in ["01-tour.md", "06-jobs.md", "instructor-guide.md"] {
                try FileManager.default.copyItem(at: Harness.repoRoot.appendingPathComponent("course-material/\(name)"),
                                                 to: material.appendingPathComponent(name))
            }
            let yaml = """
                lab: \(instance)
                defaults: { image: tiny, cpus: 1, memory: 96MiB, disk: 1GiB }
                networks:
                  external: { mode: isolated, subnet: auto }
                  internal: { subnet: auto }
                nodes:
                  - { name: head, role: headnode, memory: 128MiB }
                  - { name: worker, role: workernode, count: 1 }
                users:
                  - alice
                  - { name: bob, admin: true }
                middleware: { gwd: { SCHEDULING_INTERVAL: 5 }, slots_per_worker: 2 }
                """
            let path = dir.appendingPathComponent("\(instance).yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @discardableResult
        func ssh(_ arguments: [String], timeout: Double = 120) throws -> Harness.Result {
            try Harness.vgrid(["ssh", instance] + arguments, timeout: timeout)
        }

        func fileMode(_ path: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
        }

        @Test func studentsLogInWithTheirKeysAndFindTheirFiles() throws {
            let lab = try labFile()
            try Harness.vgrid(["down", lab])
            defer { _ = try? Harness.vgrid(["down", lab]) }
            let started = Date()
            let up = try Harness.vgrid(["up", lab])
            try #require(up.status == 0, "up failed: \(up.stderr)")
            print("it-access: up in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

            // `up` lists one access sheet per account.
            let sheetPath = "\(accessDir)/\(instance)/users/alice/access-sheet.txt"
            #expect(up.stdout.contains("access sheets"), "\(up.stdout)")
            #expect(up.stdout.contains(sheetPath) && up.stdout.contains("\(accessDir)/\(instance)/users/bob/access-sheet.txt"), "\(up.stdout)")

            // A login as alice, by default and by name; bob on the worker.
            let id = try ssh(["head", "--user", "alice", "--", "id", "-un"])
            #expect(id.status == 0 && id.stdout == "alice\n", "ssh: \(id.status) \(id.stdout) \(id.stderr)")
            #expect(try ssh(["head", "--", "id", "-un"]).stdout == "alice\n", "the first user who is not an admin")
            let worker = try ssh(["worker1", "--user", "bob", "--", "echo", "$(id -un)@$(hostname)"])
            #expect(worker.stdout == "bob@worker1\n", "\(worker.stdout) \(worker.stderr)")
            #expect(try ssh(["\(instance)-worker1", "--user", "bob", "--", "true"]).status == 0, "the domain name works too")

            // The remote command's exit status is vgrid ssh's.
            #expect(try ssh(["head", "--user", "alice", "--", "exit", "3"]).status == 3)
            #expect(try ssh(["worker1", "--", "sh", "-c", "'exit 7'"]).status == 7)

            // At home on the headnode: certificates, examples, tutorials (not the instructor's guide).
            let home = try ssh(["head", "--user", "alice", "--", "ls", "~/.globus", "~/examples", "~/tutorials"])
            #expect(home.status == 0, "\(home.stderr)")
            for name in ["usercert.pem", "userkey.pem", "README", "hello.jt", "script.jt", "sweep.jt", "first.jt", "second.jt",
                         "diamond.dag", "01-tour.md", "06-jobs.md"] {
                #expect(home.stdout.split(separator: "\n").contains(Substring(name)), "\(name) in: \(home.stdout)")
            }
            #expect(!home.stdout.contains("instructor-guide.md"))
            let modes = try ssh(["head", "--user", "alice", "--", "stat", "-c", "'%a %U %n'", "~/.ssh", "~/.ssh/authorized_keys",
                                 "~/examples", "~/examples/hello.jt", "~/tutorials/01-tour.md"])
            #expect(modes.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                    == ["700 alice", "600 alice", "755 alice", "644 alice", "644 alice"], "\(modes.stdout) \(modes.stderr)")
            // Commands see the login environment (PATH with the grid commands, GW_LOCATION).
            let environment = try ssh(["head", "--", "command -v gwsubmit; echo $GW_LOCATION"])
            #expect(environment.stdout == "/opt/vgrid/bin/gwsubmit\n/usr/local/gw\n", "\(environment.stdout) \(environment.stderr)")
            // Nobody logs in as root or with a password.
            #expect(try ssh(["head", "--user", "root", "--", "true"]).status == 66)

            // The access sheet: mode 0600, the nodes' addresses, the connection, the grid identity.
            #expect(try fileMode(sheetPath) == 0o600)
            let sheet = try String(contentsOfFile: sheetPath, encoding: .utf8)
            let nodes = try Harness.status(instance)
            #expect(nodes.count == 2)
            for node in nodes {
                let internalAddress = try #require(node.internalAddress), external = try #require(node.externalAddress)
                #expect(sheet.split(separator: "\n").contains { $0.contains(node.name) && $0.contains(internalAddress) && $0.contains(external) },
                        "\(node.name) \(internalAddress) \(external) in:\n\(sheet)")
            }
            let head = try #require(nodes.first { $0.name == "head" })
            #expect(sheet.contains("vgrid ssh \(instance) head --user alice"))
            #expect(sheet.contains("ssh -i id_ed25519 alice@\(head.externalAddress ?? "?")"))
            #expect(sheet.contains("private key:          \(accessDir)/\(instance)/users/alice/id_ed25519"))
            let instructor = try String(contentsOfFile: "/var/lib/vgrid/ca/\(instance)/instructor-sheet.txt", encoding: .utf8)
            let passphrase = try #require(instructor.split(separator: "\n").drop { !$0.hasSuffix("alice") }
                .first { $0.hasPrefix("passphrase:") }).dropFirst("passphrase:".count).trimmingCharacters(in: .whitespaces)
            #expect(sheet.contains("passphrase: \(passphrase)"))
            #expect(sheet.contains("DN:         /O=Grid/OU=GlobusTest/OU=simpleCA-\(instance)/OU=local/CN=alice"))
            #expect(try fileMode("\(accessDir)/\(instance)/users/alice/id_ed25519") == 0o600)

            // Every example in ~/examples runs as it is, submitted over ssh as a student would.
            let hostsUp = try ssh(["head", "--", "echo '\(passphrase)' | grid-proxy-init -pwstdin >/dev/null; "
                                   + #"for i in $(seq 90); do gwhost -n | grep -q worker1 && ! gwhost -n | grep -q ' 0/0/0 ' && exit 0; sleep 1; done; gwhost; exit 1"#],
                                  timeout: 150)
            #expect(hostsUp.status == 0, "the gatekeeper reports to gwd: \(hostsUp.stdout) \(hostsUp.stderr)")
            let examples = """
                set -e; cd ~/examples
                echo '\(passphrase)' | grid-proxy-init -pwstdin >/dev/null
                hello=$(gwsubmit -v hello.jt | cut -d' ' -f3)
                script=$(gwsubmit -v script.jt | cut -d' ' -f3)
                first=$(gwsubmit -v first.jt | cut -d' ' -f3)
                second=$(gwsubmit -v -d "$first" second.jt | cut -d' ' -f3)
                array=$(gwsubmit -v -n 4 -s 10 -i 5 sweep.jt | sed -n 's/ARRAY ID: //p')
                gwwait -v -t 240 $hello $script $first $second
                gwwait -v -t 240 -A $array
                gwdag diamond.dag
                gwwait $(gwps -n -o J) 2>/dev/null || true
                echo "hello: $(cat hello.out)"; echo "script: $(cat script.out)"
                echo "second: $(cat second.out)"; echo "first: $(cat first.out)"; cat sweep.0.out sweep.3.out
                echo "dag: $(cat dag.*.out | sort -u | tr '\\n' ' ')"
                grid-proxy-destroy
                """
            let jobs = try ssh(["head", "--", examples], timeout: 420)
            #expect(jobs.status == 0, "the examples: \(jobs.stdout) \(jobs.stderr)")
            #expect(jobs.stdout.contains("hello: worker1"), "\(jobs.stdout)")
            #expect(jobs.stdout.contains("script: hello from worker1, running as alice with arguments: one two"), "\(jobs.stdout)")
            #expect(jobs.stdout.contains("task 0 of 4: param 10\ntask 3 of 4: param 25\n"), "\(jobs.stdout)")
            #expect(jobs.stdout.contains("dag: worker1"), "\(jobs.stdout)")
            let lines = jobs.stdout.split(separator: "\n")
            let second = lines.first { $0.hasPrefix("second: ") }?.dropFirst("second: ".count)
            let first = lines.first { $0.hasPrefix("first: ") }?.dropFirst("first: ".count)
            #expect(second != nil && second == first && !(first ?? "").isEmpty, "second.jt read what first.jt wrote: \(jobs.stdout)")
            #expect(jobs.stdout.contains("prepare") && jobs.stdout.contains("merge"), "gwdag's summary: \(jobs.stdout)")

            // A node with another host key is refused (strict checking against the lab's known_hosts).
            let knownHosts = "\(accessDir)/known_hosts"
            let original = try String(contentsOfFile: knownHosts, encoding: .utf8)
            let other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINqqA6yugr5/iAsg6f8QRrrDoFcEJ3ys+MOL3LMj7glN"
            let tampered = original.split(separator: "\n").map { line in
                line.hasPrefix("\(instance)-head,") ? line.split(separator: " ")[0] + " " + other : line
            }.joined(separator: "\n") + "\n"
            #expect(tampered != original)
            try tampered.write(toFile: knownHosts, atomically: true, encoding: .utf8)
            let refused = try ssh(["head", "--", "echo", "logged-in"])
            try original.write(toFile: knownHosts, atomically: true, encoding: .utf8)
            #expect(refused.status == 255 && !refused.stdout.contains("logged-in"), "\(refused.status) \(refused.stdout)")
            #expect(refused.stderr.contains("Host key verification failed") || refused.stderr.contains("IDENTIFICATION HAS CHANGED"),
                    "\(refused.stderr)")
            #expect(try ssh(["head", "--", "true"]).status == 0, "the right key again")

            // Clear errors: unknown node, unknown user, a lab that is not up.
            let noNode = try ssh(["worker9", "--", "true"])
            #expect(noNode.status == 66 && noNode.stderr.contains("no node 'worker9'") && noNode.stderr.contains("head, worker1"), "\(noNode.stderr)")
            let noUser = try ssh(["head", "--user", "mallory", "--", "true"])
            #expect(noUser.status == 66 && noUser.stderr.contains("no account 'mallory'"), "\(noUser.stderr)")
            let noLab = try Harness.vgrid(["ssh", "it-access-none", "head"])
            #expect(noLab.status == 66 && noLab.stderr.contains("is not up"), "\(noLab.stderr)")
            let printed = try ssh(["head", "--print"])
            #expect(printed.status == 0 && printed.stdout.contains("StrictHostKeyChecking=yes")
                    && printed.stdout.contains("HostKeyAlias=\(instance)-head"), "\(printed.stdout)")

            // Another `up` keeps every key and changes nothing.
            let keyBefore = try String(contentsOfFile: "\(accessDir)/\(instance)/users/alice/id_ed25519", encoding: .utf8)
            let again = try Harness.up(lab)
            #expect(again.actions.isEmpty, "\(again.actions.map { "\($0.kind) \($0.object) \($0.name)" })")
            #expect(try String(contentsOfFile: "\(accessDir)/\(instance)/users/alice/id_ed25519", encoding: .utf8) == keyBefore)

            // A node with a fresh disk (same seed) presents the same host key: ssh still trusts it.
            let domain = "\(instance)-worker1"
            _ = try Harness.run("/usr/bin/virsh", ["--connect", "qemu:///system", "destroy", domain])
            let down = try ssh(["worker1", "--", "true"])
            #expect(down.status == 1 && down.stderr.contains("not running"), "node not ready: \(down.status) \(down.stderr)")
            let deleted = try Harness.run("/usr/bin/virsh", ["--connect", "qemu:///system", "vol-delete", "--pool", "vgrid", "\(instance)_worker1.qcow2"])
            #expect(deleted.status == 0, "\(deleted.stderr)")
            _ = try Harness.up(lab)
            let fresh = try ssh(["worker1", "--user", "alice", "--", "id", "-un"])
            #expect(fresh.status == 0 && fresh.stdout == "alice\n", "after a fresh disk: \(fresh.status) \(fresh.stdout) \(fresh.stderr)")

            #expect(try Harness.vgrid(["down", lab]).status == 0)
            #expect(!FileManager.default.fileExists(atPath: accessDir), "down left the SSH keys behind")
        }
    }
}
