import Foundation
import Testing

extension RealLabTests {
    /// The course material's tutorials, checked step by step against a fresh copy of
    /// labs/intro.yaml under another lab name, as `vgrid tutorial check` runs them in class.
    @Suite struct Tutorials {
        let instance = "it-tutorial"

        @Test func everyTutorialPassesOnAFreshIntroLab() throws {
            let lab = try Harness.labCopy("labs/intro.yaml", name: instance)
            try Harness.vgrid(["down", lab])
            defer { _ = try? Harness.vgrid(["down", lab]) }
            _ = try Harness.up(lab)

            let directory = Harness.repoRoot.appendingPathComponent("course-material")
            let tutorials = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix("0") && $0.hasSuffix(".md") }.sorted()
                .map { "course-material/\($0)" }
            #expect(tutorials.count >= 8, "\(tutorials)")
            let started = Date()
            let check = try Harness.vgrid(["tutorial", "check"] + tutorials + [lab], timeout: 900)
            let seconds = Date().timeIntervalSince(started)
            #expect(check.status == 0, "tutorial check failed (\(check.status)):\n\(check.stdout)\n\(check.stderr)")
            #expect(check.stdout.contains("\(tutorials.count) tutorial(s) passed"), "\(check.stdout)")
            // The issue's budget for all tutorials, end to end.
            #expect(seconds < 600, "the tutorials took \(Int(seconds)) s")

            try breakTheHeadnodeThenResetIt(lab)
        }

        /// The class view sees a broken headnode; `reset` brings it back and a tutorial passes again.
        func breakTheHeadnodeThenResetIt(_ lab: String) throws {
            let healthy = try classView(lab)
            #expect(healthy["gwdAnswering"] as? Bool == true && healthy["nodesReady"] as? Int == 3, "\(healthy)")

            let head = "\(instance)-head"
            let broke = try Harness.vgrid(["exec", head, "--", "sh", "-lc", "rm /etc/grid-security/hostcert.pem && vgrid-service stop gwd"])
            try #require(broke.status == 0, "breaking the headnode: \(broke.stdout) \(broke.stderr)")
            let broken = try classView(lab)
            #expect(broken["gwdAnswering"] as? Bool == false, "\(broken)")
            #expect((broken["gwdProblem"] as? String)?.isEmpty == false, "\(broken)")

            let unknown = try Harness.vgrid(["reset", lab, "nosuchnode"])
            #expect(unknown.status != 0 && unknown.stderr.contains("no node named 'nosuchnode'"), "\(unknown.stderr)")
            let notACourse = try Harness.vgrid(["reset", lab, "--student", "ana"])
            #expect(notACourse.status != 0 && notACourse.stderr.contains("not a course"), "\(notACourse.stderr)")

            let started = Date()
            let reset = try Harness.vgrid(["reset", lab, "head", "--json"])
            try #require(reset.status == 0, "reset: \(reset.stdout) \(reset.stderr)")
            print("vgrid reset of \(head): \(String(format: "%.1f", Date().timeIntervalSince(started))) s until ready")
            let summary = try JSONSerialization.jsonObject(with: Data(reset.stdout.utf8)) as? [String: Any]
            #expect(summary?["nodes"] as? [String] == [head], "\(reset.stdout)")

            let repaired = try Harness.vgrid(["exec", head, "--", "sh", "-lc", "test -s /etc/grid-security/hostcert.pem && vgrid-service status gwd"])
            #expect(repaired.status == 0 && repaired.stdout.contains("running"), "\(repaired.stdout) \(repaired.stderr)")
            // Ready means the guest agent answers; gwd takes a few more seconds to listen under TCG.
            var after = try classView(lab)
            for _ in 0..<30 where after["gwdAnswering"] as? Bool != true {
                Thread.sleep(forTimeInterval: 1)
                after = try classView(lab)
            }
            #expect(after["gwdAnswering"] as? Bool == true && after["nodesReady"] as? Int == 3, "\(after)")
            // A fresh disk: gwd's pool starts empty again.
            #expect(after["jobsDone"] as? Int == 0, "\(after)")

            let check = try Harness.vgrid(["tutorial", "check", "course-material/05-monitoring.md", lab], timeout: 300)
            #expect(check.status == 0, "tutorial 5 after the reset:\n\(check.stdout)\n\(check.stderr)")

            // The class view counts what gwd ran: two jobs of alice's, one of them failing.
            let sheet = try String(contentsOfFile: "/var/lib/vgrid/ca/\(instance)/instructor-sheet.txt", encoding: .utf8)
            let fields = sheet.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            let account = try #require(fields.firstIndex { $0 == ["account:", "alice"] }, "\(sheet)")
            let passphrase = try #require(fields[account...].first { $0.first == "passphrase:" && $0.count == 2 }?[1], "\(sheet)")
            let jobs = try Harness.run("/bin/sh", ["-c", """
                echo '\(passphrase)' | "$VGRID" exec \(head) --user alice -- sh -lc 'grid-proxy-init -pwstdin -q && cd && \\
                  printf "EXECUTABLE = /bin/true\\n" > ok.jt && printf "EXECUTABLE = /bin/false\\n" > no.jt && \\
                  gwwait -k $(gwsubmit -v ok.jt | cut -d" " -f3) $(gwsubmit -v no.jt | cut -d" " -f3); grid-proxy-destroy; rm ok.jt no.jt'
                """], environment: ["VGRID": Harness.binary])
            #expect(jobs.status == 0, "\(jobs.stdout) \(jobs.stderr)")
            let counted = try classView(lab)
            #expect(counted["jobsDone"] as? Int == 2 && counted["jobsInPool"] as? Int == 2, "\(counted)")
        }

        /// The one line of `vgrid status --class --json` for this lab.
        func classView(_ lab: String) throws -> [String: Any] {
            let result = try Harness.vgrid(["status", lab, "--class", "--json"])
            try #require(result.status == 0, "status --class: \(result.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            try #require(rows.count == 1, "\(result.stdout)")
            return rows[0]
        }
    }
}
