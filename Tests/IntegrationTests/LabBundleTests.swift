import Foundation
import Testing

extension RealLabTests {
    /// `vgrid export` / `vgrid import`: a lab with a student's work leaves this host as one
    /// file and comes back with no image build and no network, and runs jobs again.
    @Suite struct LabBundle {
        let instance = "it-bundle"
        let importedImage = "/var/lib/vgrid/images/tiny"

        func exec(_ node: String, _ command: String, user: String? = nil) throws -> Harness.Result {
            try Harness.vgrid(["exec", "\(instance)-\(node)"] + (user.map { ["--user", $0] } ?? []) + ["--", "sh", "-c", command])
        }

        /// Nothing of the lab on the host: libvirt objects, state, CA, imported image.
        func expectNothingLeft(_ what: String) throws {
            let left = try Harness.leftovers(instance: instance)
            #expect(left.isEmpty, "\(what): \(left)")
            #expect(!FileManager.default.fileExists(atPath: "/var/lib/vgrid/ca/\(instance)"), "\(what): the lab CA is left")
        }

        @Test func aLabWithAStudentsWorkComesBackOfflineFromItsBundle() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("it-bundle-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            try Harness.vgrid(["down", lab])
            _ = try Harness.up(lab)
            let wrote = try exec("head", "echo kept > ~/kept.txt", user: "alice")
            try #require(wrote.status == 0, "writing on the headnode: \(wrote.stderr)")

            // Export with the nodes' disks while the lab runs.
            let bundle = work.appendingPathComponent("it-bundle.vgrid").path
            let exported = try Harness.vgrid(["export", lab, "-o", bundle, "--with-state"])
            try #require(exported.status == 0, "export: \(exported.stdout) \(exported.stderr)")
            let info = try Harness.vgrid(["bundle", "info", bundle, "--json"])
            #expect(info.status == 0, "bundle info: \(info.stderr)")
            struct Manifest: Decodable {
                struct Member: Decodable { var path: String; var kind: String }
                var formatVersion: Int
                var withState: Bool
                var includesCAKey: Bool
                var members: [Member]
            }
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(info.stdout.utf8))
            #expect(manifest.formatVersion == 1 && manifest.withState && !manifest.includesCAKey)
            let paths = Set(manifest.members.map(\.path))
            for path in ["disks/\(instance)/head.qcow2", "images/tiny/rootfs.qcow2", "ca/ca/cacert.pem", "lab/\((lab as NSString).lastPathComponent)"] {
                #expect(paths.contains(path), "the bundle lacks \(path)")
            }
            #expect(!paths.contains { $0.contains("cakey.pem") || $0.contains("instructor-sheet") }, "secrets went into the bundle: \(paths)")
            #expect(manifest.members.filter { $0.path.hasPrefix("images/") }.count == 4, "each image once")

            // The host forgets the lab: nodes, networks, disks, state, CA, and the imported image.
            #expect(try Harness.vgrid(["down", lab]).status == 0)
            try? FileManager.default.removeItem(atPath: importedImage)
            try expectNothingLeft("after down")

            // A truncated copy is refused and leaves nothing behind.
            let cut = work.appendingPathComponent("cut.vgrid").path
            let data = try Data(contentsOf: URL(fileURLWithPath: bundle))
            try data.prefix(data.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
            let refused = try Harness.vgrid(["import", cut, "--dir", work.appendingPathComponent("refused").path])
            #expect(refused.status == 65 && refused.stderr.contains("truncated"), "truncated import: \(refused.status) \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("refused").path))
            #expect(!FileManager.default.fileExists(atPath: importedImage))
            try expectNothingLeft("after a refused import")

            // Import, then `up` with no image directory, no repository and no reachable registry.
            let imported = work.appendingPathComponent("imported")
            let done = try Harness.vgrid(["import", bundle, "--dir", imported.path])
            try #require(done.status == 0, "import: \(done.stdout) \(done.stderr)")
            #expect(FileManager.default.fileExists(atPath: "\(importedImage)/image.json"))
            let offline = ["VGRID_IMAGE_DIR": "", "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
                           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": ""]
            let up = try Harness.vgrid(["up", imported.appendingPathComponent((lab as NSString).lastPathComponent).path, "--json"], environment: offline, directory: work)
            try #require(up.status == 0, "up of the imported lab: \(up.stderr)")
            #expect(!up.stdout.contains("\"object\" : \"image\""), "up uploaded an image although the pool had it: \(up.stdout)")

            // The student's file survived, and the grid runs a job with the imported credentials.
            #expect(try exec("head", "cat ~/kept.txt", user: "alice").stdout == "kept\n")
            let sheet = try String(contentsOfFile: "/var/lib/vgrid/ca/\(instance)/instructor-sheet.txt", encoding: .utf8)
            let passphrase = try #require(sheet.split(separator: "\n").drop { !$0.hasSuffix("alice") }
                .first { $0.hasPrefix("passphrase:") }).dropFirst("passphrase:".count).trimmingCharacters(in: .whitespaces)
            let job = try exec("head", #"""
                . /etc/profile; set -e; cd ~
                echo '\#(passphrase)' | grid-proxy-init -pwstdin >/dev/null
                for i in $(seq 60); do [ "$(gwhost -n | grep -c worker)" -ge 2 ] && ! gwhost -n | grep -q ' 0/0/0 ' && break; sleep 1; done
                printf 'EXECUTABLE = /bin/hostname\nSTDOUT_FILE = job.out\n' > job.jt
                id=$(gwsubmit -v job.jt | sed -n 's/JOB ID: *//p')
                gwwait -v -t 240 $id
                echo "ran on: $(cat job.out)"
                """#, user: "alice")
            #expect(job.status == 0 && job.stdout.contains("ran on: worker"), "job: \(job.stdout) \(job.stderr)")

            #expect(try Harness.vgrid(["down", imported.appendingPathComponent((lab as NSString).lastPathComponent).path]).status == 0)
            try? FileManager.default.removeItem(atPath: importedImage)
            try expectNothingLeft("after the final down")
        }
    }
}
