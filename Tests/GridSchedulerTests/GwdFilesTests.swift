import Foundation
import GridMiddleware
import Testing
@testable import GridScheduler

/// gwd's own files and path rules (the daemon itself is tested end to end in MiddlewareLoopbackTests).
struct GwdFilesTests {
    @Test func readsTheHostListWithOptionalAddresses() throws {
        let hosts = try HostListEntry.parse("# workers\nworker1.lab\n\nworker2.lab 127.0.0.3  # loopback\n", file: "host.list")
        #expect(hosts == [HostListEntry(name: "worker1.lab", address: nil), HostListEntry(name: "worker2.lab", address: "127.0.0.3")])
    }

    @Test func refusesADuplicateOrMalformedHostLine() {
        #expect(throws: GwdError.self) { try HostListEntry.parse("w1\nW1\n", file: "host.list") }
        let error = #expect(throws: GwdError.self) { try HostListEntry.parse("w1 a b\n", file: "host.list") }
        #expect(error?.message.contains("host.list:1") == true)
    }

    @Test func stagesRelativeAndURLInputsButNotHostPaths() throws {
        let template = try JobTemplate.parse("""
            EXECUTABLE = run.sh
            STDIN_FILE = in.txt
            INPUT_FILES = data.csv, file:///srv/big.dat big.dat, gsiftp://head/x.txt, /etc/hostname
            """, file: "t.jt")
        let keys = StagedInputs.keys(of: template)
        #expect(keys.map(\.key) == ["run.sh", "in.txt", "data.csv", "file:///srv/big.dat", "gsiftp://head/x.txt"])
        #expect(keys.first?.executable == true)
        #expect(keys.dropFirst().allSatisfy { !$0.executable })
    }

    @Test func resolvesHeadnodePathsFromTheSubmissionDirectory() throws {
        #expect(try StagedInputs.localPath("out.txt", workingDirectory: "/home/alice/lab") == "/home/alice/lab/out.txt")
        #expect(try StagedInputs.localPath("file:///tmp/x", workingDirectory: nil) == "/tmp/x")
        #expect(throws: (any Error).self) { try StagedInputs.localPath("out.txt", workingDirectory: nil) }
    }

    @Test func parsesGsiftpURLs() {
        #expect(GsiftpURL("gsiftp://worker1.lab/home/a/x") == GsiftpURL(host: "worker1.lab", port: 2811, path: "/home/a/x"))
        #expect(GsiftpURL("gsiftp://h:9000/p")?.port == 9000)
        #expect(GsiftpURL("file:///x") == nil)
        #expect(GsiftpURL("gsiftp://nohostpath") == nil)
    }
}
