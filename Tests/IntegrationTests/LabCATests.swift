import Foundation
import Testing

extension RealLabTests {
    /// The lab CA's files on real nodes, checked by openssl and Debian's Globus tools.
    @Suite struct LabCA {
        let instance = "it-ca"

        func exec(_ node: String, _ command: String, user: String? = nil) throws -> Harness.Result {
            try Harness.vgrid(["exec", "\(instance)-\(node)"] + (user.map { ["--user", $0] } ?? []) + ["--", "sh", "-c", command])
        }

        func copyOut(_ node: String, _ path: String) throws -> String {
            let result = try exec(node, "cat \(path)")
            try #require(result.status == 0, "cannot read \(path) on \(node): \(result.stderr)")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("it-ca-\(UUID().uuidString).pem").path
            try result.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }

        @Test func nodesCarryTheLabCAsFilesWhereGlobusExpectsThem() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
            _ = try Harness.up(lab)
            let caDir = "/var/lib/vgrid/ca/\(instance)"

            // Trust directory: <hash>.0 named by openssl's own subject hash, plus policy and CRL.
            let listing = try exec("worker1", "ls /etc/grid-security/certificates")
            let names = listing.stdout.split(separator: "\n").map(String.init).sorted()
            #expect(names.count == 3, "\(names)")
            let hash = try Harness.run("/usr/bin/openssl", ["x509", "-hash", "-noout", "-in", "\(caDir)/ca/cacert.pem"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(names == ["\(hash).0", "\(hash).r0", "\(hash).signing_policy"])

            // Host credentials on every node, verified by openssl against the node's own trust dir.
            let trust = FileManager.default.temporaryDirectory.appendingPathComponent("it-ca-trust-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: trust, withIntermediateDirectories: true)
            for name in names { try FileManager.default.copyItem(atPath: try copyOut("head", "/etc/grid-security/certificates/\(name)"), toPath: "\(trust)/\(name)") }
            for node in ["head", "worker1", "worker2"] {
                let cert = try copyOut(node, "/etc/grid-security/hostcert.pem")
                let verify = try Harness.run("/usr/bin/openssl", ["verify", "-CApath", trust, "-crl_check", cert])
                #expect(verify.status == 0, "\(node): \(verify.stdout) \(verify.stderr)")
                let subject = try Harness.run("/usr/bin/openssl", ["x509", "-noout", "-subject", "-ext", "subjectAltName", "-in", cert]).stdout
                #expect(subject.contains("CN = host/\(node).\(instance).grid") && subject.contains("DNS:\(node)"), "\(subject)")
                let mode = try exec(node, "stat -c '%a %U' /etc/grid-security/hostkey.pem").stdout
                #expect(mode.trimmingCharacters(in: .whitespacesAndNewlines) == "400 root")
            }

            // Each user's certificate and encrypted key in ~/.globus on the headnode, owned by them.
            let modes = try exec("head", "stat -c '%a %U %n' /home/alice/.globus /home/alice/.globus/usercert.pem /home/alice/.globus/userkey.pem")
            #expect(modes.stdout.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
                    == ["755 alice", "644 alice", "400 alice"], "\(modes.stdout)")
            let sheet = try String(contentsOfFile: "\(caDir)/instructor-sheet.txt", encoding: .utf8)
            let passphrase = try #require(sheet.split(separator: "\n").drop { !$0.hasSuffix("alice") }
                .first { $0.hasPrefix("passphrase:") }).dropFirst("passphrase:".count).trimmingCharacters(in: .whitespaces)
            let key = try copyOut("head", "/home/alice/.globus/userkey.pem")
            #expect(try Harness.run("/usr/bin/openssl", ["pkey", "-in", key, "-passin", "pass:\(passphrase)", "-noout"]).status == 0)
            #expect(try Harness.run("/usr/bin/openssl", ["pkey", "-in", key, "-passin", "pass:wrong", "-noout"]).status != 0)
            let userCert = try copyOut("head", "/home/alice/.globus/usercert.pem")
            let info = try Harness.run("/usr/bin/grid-cert-info", ["-file", userCert, "-subject"])
            #expect(info.status == 0 && info.stdout.contains("CN=alice"), "grid-cert-info: \(info.stdout) \(info.stderr)")
            #expect(try Harness.run("/usr/bin/openssl", ["verify", "-CApath", trust, userCert]).status == 0)

            // A student makes a proxy on the headnode with the lab's grid-proxy-init, as in the
            // tutorials; the real Globus grid-proxy-info and openssl accept it.
            let made = try exec("head", "echo '\(passphrase)' | sh -l -c 'grid-proxy-init -pwstdin'", user: "alice")
            #expect(made.status == 0, "grid-proxy-init: \(made.stdout) \(made.stderr)")
            #expect(made.stdout.contains("Your identity: /O=Grid/OU=GlobusTest/OU=simpleCA-\(instance)/OU=local/CN=alice"), "\(made.stdout)")
            let type = try exec("head", "sh -l -c 'grid-proxy-info -type'", user: "alice")
            #expect(type.stdout.contains("RFC 3820 compliant impersonation proxy"), "\(type.stdout) \(type.stderr)")
            let proxy = try copyOut("head", "/tmp/x509up_u1001")
            // Globus reads a proxy only when nobody else may (0600), as on the node.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: proxy)
            let real = try Harness.run("/usr/bin/grid-proxy-info", ["-file", proxy, "-identity"], environment: ["X509_CERT_DIR": trust])
            #expect(real.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "/O=Grid/OU=GlobusTest/OU=simpleCA-\(instance)/OU=local/CN=alice", "grid-proxy-info: \(real.stdout) \(real.stderr)")
            let chain = try Harness.run("/usr/bin/openssl", ["verify", "-allow_proxy_certs", "-CApath", trust, "-untrusted", userCert, proxy])
            #expect(chain.status == 0, "\(chain.stdout) \(chain.stderr)")
            let wrong = try exec("head", "echo wrong | sh -l -c 'grid-proxy-init -pwstdin -out /tmp/other'", user: "alice")
            #expect(wrong.status != 0)
            #expect(try exec("head", "sh -l -c 'grid-proxy-destroy && ! grid-proxy-info -exists'", user: "alice").status == 0)

            // The grid-mapfile maps alice's DN to her account on every node.
            let map = try exec("worker2", "cat /etc/grid-security/grid-mapfile").stdout
            #expect(map.contains("\"/O=Grid/OU=GlobusTest/OU=simpleCA-\(instance)/OU=local/CN=alice\" alice"), "\(map)")

            // `plan` changes nothing, not even the CA's files on the host.
            let sheetPath = "\(caDir)/instructor-sheet.txt"
            let before = try FileManager.default.attributesOfItem(atPath: sheetPath)[.modificationDate] as? Date
            let trustBefore = try FileManager.default.attributesOfItem(atPath: "\(caDir)/trust")[.modificationDate] as? Date
            #expect(try Harness.vgrid(["plan", lab]).status == 0)
            #expect(try FileManager.default.attributesOfItem(atPath: sheetPath)[.modificationDate] as? Date == before)
            #expect(try FileManager.default.attributesOfItem(atPath: "\(caDir)/trust")[.modificationDate] as? Date == trustBefore)

            // The middleware (gwd on the headnode, a gatekeeper on each worker) runs the tutorials' jobs:
            // a simple job, a 10-task array and a dependent job, submitted by alice on the headnode.
            #expect(try exec("head", "echo '\(passphrase)' | sh -l -c 'grid-proxy-init -pwstdin'", user: "alice").status == 0)
            let hostsUp = try exec("head", #". /etc/profile; for i in $(seq 60); do [ "$(gwhost -n | grep -c worker)" -ge 2 ] && ! gwhost -n | grep -q ' 0/0/0 ' && exit 0; sleep 1; done; gwhost; exit 1"#, user: "alice")
            #expect(hostsUp.status == 0, "both gatekeepers report to gwd: \(hostsUp.stdout) \(hostsUp.stderr)")
            // The command reaches the guest's sh -c verbatim (no host shell): plain shell, with heredocs.
            let script = #"""
                . /etc/profile; set -e; cd ~
                cat > simple.jt <<'T'
                EXECUTABLE  = /bin/hostname
                STDOUT_FILE = simple.out
                T
                cat > child.jt <<'T'
                EXECUTABLE  = /bin/cat
                ARGUMENTS   = simple.out
                INPUT_FILES = simple.out
                STDOUT_FILE = child.out
                T
                cat > array.jt <<'T'
                EXECUTABLE  = /bin/echo
                ARGUMENTS   = task ${TASK_ID}
                STDOUT_FILE = task.${TASK_ID}
                T
                printf '#!/bin/sh\necho "staged on $(hostname)"\n' > hello.sh
                cat > staged.jt <<'T'
                EXECUTABLE  = hello.sh
                STDOUT_FILE = staged.out
                T
                staged=$(gwsubmit -v staged.jt | sed -n 's/JOB ID: *//p')
                simple=$(gwsubmit -v simple.jt | sed -n 's/JOB ID: *//p')
                child=$(gwsubmit -v -d "$simple" child.jt | sed -n 's/JOB ID: *//p')
                array=$(gwsubmit -v -n 10 array.jt | awk 'NF == 2 && $1 ~ /^[0-9]+$/ { print $2 }')
                gwwait -v -t 240 $staged $simple $child $array
                echo "$(cat staged.out)"; echo "simple: $(cat simple.out)"; echo "child: $(cat child.out)"; cat task.0 task.9
                """#
            let jobs = try exec("head", script, user: "alice")
            #expect(jobs.status == 0, "jobs through the lab's middleware: \(jobs.stdout) \(jobs.stderr)")
            #expect(jobs.stdout.contains("simple: worker"), "the simple job ran on a workernode: \(jobs.stdout)")
            #expect(jobs.stdout.contains("staged on worker"), "a staged EXECUTABLE runs on the workernode: \(jobs.stdout)")
            #expect(jobs.stdout.contains("child: worker"), "the dependent job read its parent's output: \(jobs.stdout)")
            #expect(jobs.stdout.contains("task 0\ntask 9\n"), "array tasks see their TASK_ID: \(jobs.stdout)")

            // Revoking bob reaches the running nodes without a reboot.
            let revoke = try Harness.vgrid(["ca", lab, "revoke", "/O=Grid/OU=GlobusTest/OU=simpleCA-\(instance)/OU=local/CN=bob"])
            #expect(revoke.status == 0, "revoke: \(revoke.stdout) \(revoke.stderr)")
            let crl = try copyOut("worker1", "/etc/grid-security/certificates/\(hash).r0")
            let crlText = try Harness.run("/usr/bin/openssl", ["crl", "-in", crl, "-noout", "-text"]).stdout
            let bobSerial = try Harness.vgrid(["ca", lab, "list", "--json"]).stdout
            #expect(crlText.contains("Revoked Certificates"), "\(crlText)")
            #expect(bobSerial.contains("\"revoked\""))
            #expect(try Harness.status(lab).allSatisfy(\.ready))

            #expect(try Harness.vgrid(["down", lab]).status == 0)
            #expect(!FileManager.default.fileExists(atPath: caDir), "down left the lab CA behind")
        }
    }
}
