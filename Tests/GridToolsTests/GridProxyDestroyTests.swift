import Foundation
import GridTools
import Testing

@Suite struct GridProxyDestroyTests {
    @Test func removesTheDefaultProxy() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        #expect(lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
        let result = lab.run(["grid-proxy-destroy"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
        #expect(lab.run(["grid-proxy-info", "-exists"]).status == 1)
    }

    @Test func dryRunOnlySaysWhatItWouldRemove() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let result = lab.run(["grid-proxy-destroy", "-dryrun"])
        #expect(result.status == 0)
        #expect(result.stderr == "Would remove \(lab.defaultProxy)\n")
        #expect(lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
    }

    @Test func namedFilesAreRemovedAndTheDefaultKept() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let other = lab.directory.write("secret", to: "other-proxy", mode: 0o600)
        #expect(lab.run(["grid-proxy-destroy", other, lab.directory.path("never-existed")]).status == 0)
        #expect(!lab.directory.exists("other-proxy"))
        #expect(lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
        #expect(lab.run(["grid-proxy-destroy", "-default", "--", other]).status == 0)
        #expect(!lab.directory.exists("tmp/x509up_u\(Lab.uid)"))
    }
}
