import Foundation
import GridCA
import GridTools
import Testing

@Suite struct GridProxyInfoTests {
    @Test func allFieldsInTheGlobusLayout() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let result = lab.run(["grid-proxy-info"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 8, "\(result.stdout)")
        #expect(matches(lines[0], "subject  : " + NSRegularExpression.escapedPattern(for: Fixtures.userSubject) + "/CN=[0-9]+"), "\(lines[0])")
        #expect(lines[1] == "issuer   : \(Fixtures.userSubject)")
        #expect(lines[2] == "identity : \(Fixtures.userSubject)")
        #expect(lines[3] == "type     : RFC 3820 compliant impersonation proxy")
        #expect(lines[4] == "strength : 2048 bits")
        #expect(lines[5] == "path     : \(lab.defaultProxy)")
        #expect(matches(lines[6], "timeleft : 1[12]:[0-5][0-9]:[0-5][0-9]"), "\(lines[6])")
        #expect(lines[7] == "")
        #expect(lab.run(["grid-proxy-info", "-all"]).stdout == result.stdout)
    }

    @Test func singleFieldsPrintBareValuesInTheOrderAsked() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let result = lab.run(["grid-proxy-info", "-strength", "-identity", "-path", "-type", "-timeleft"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == ["2048", Fixtures.userSubject, lab.defaultProxy, "RFC 3820 compliant impersonation proxy"])
        try #require(lines.count == 5, "\(result.stdout)")
        let seconds = try #require(Int(lines[4]))
        #expect((12 * 3600 - 60)...(12 * 3600) ~= seconds)
    }

    @Test func readsAProxyMadeByTheRealGridProxyInit() throws {
        guard let tool = ExternalTool.require("grid-proxy-init") else { return }
        let lab = try Lab()
        let made = try ExternalTool.run(
            tool, ["-pwstdin", "-valid", "3:00"], environment: lab.processEnvironment, stdin: Fixtures.passphrase + "\n")
        #expect(made.status == 0, "\(made.output)")
        let result = lab.run(["grid-proxy-info", "-file", lab.defaultProxy])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("identity : \(Fixtures.userSubject)\n"))
        #expect(result.stdout.contains("type     : RFC 3820 compliant impersonation proxy\n"))
        #expect(result.stdout.contains("strength : 2048 bits\n"))
        #expect(result.stdout.range(of: "timeleft : [23]:[0-5][0-9]:[0-5][0-9]\n", options: .regularExpression) != nil, "\(result.stdout)")

        let limited = try ExternalTool.run(
            tool, ["-pwstdin", "-limited"], environment: lab.processEnvironment, stdin: Fixtures.passphrase + "\n")
        #expect(limited.status == 0, "\(limited.output)")
        #expect(lab.run(["grid-proxy-info", "-type"]).stdout == "RFC 3820 compliant limited proxy\n")
    }

    @Test func existsAnswersByExitCodeForLifetimeAndStrength() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        let plain = lab.run(["grid-proxy-info", "-exists"])
        #expect(plain.status == 0)
        #expect(plain.stdout.isEmpty && plain.stderr.isEmpty)
        #expect(lab.run(["grid-proxy-info", "-exists", "-valid", "11:00"]).status == 0)
        #expect(lab.run(["grid-proxy-info", "-exists", "-valid", "24:00"]).status == 1)
        #expect(lab.run(["grid-proxy-info", "-e", "-h", "13"]).status == 1)
        #expect(lab.run(["grid-proxy-info", "-e", "-b", "2048"]).status == 0)
        #expect(lab.run(["grid-proxy-info", "-exists", "-bits", "4096"]).status == 1)
    }

    @Test func existsAgreesWithTheRealTool() throws {
        guard let tool = ExternalTool.require("grid-proxy-info") else { return }
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        for arguments in [["-exists"], ["-exists", "-valid", "24:00"], ["-exists", "-valid", "6:00"]] {
            let real = try ExternalTool.run(tool, arguments + ["-file", lab.defaultProxy], environment: lab.processEnvironment)
            #expect(lab.run(["grid-proxy-info"] + arguments).status == real.status, "\(arguments)")
        }
    }

    @Test func missingProxyFailsExistsSilentlyAndOtherwiseSaysWhatToDo() throws {
        let lab = try Lab()
        let exists = lab.run(["grid-proxy-info", "-exists"])
        #expect(exists.status == 1)
        #expect(exists.stderr.isEmpty)
        let plain = lab.run(["grid-proxy-info"])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("Error: Couldn't find a valid proxy."))
        #expect(plain.stderr.contains("grid-proxy-init"))
    }

    @Test func expiredProxyShowsNoTimeLeftAndDoesNotExist() throws {
        let lab = try Lab()
        let past = Date() - 3600
        let proxy = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(lifetime: 600), now: past)
        try ProxyFile.write(proxy, to: URL(fileURLWithPath: lab.defaultProxy))
        #expect(lab.run(["grid-proxy-info"]).stdout.contains("timeleft : 0:00:00\n"))
        #expect(lab.run(["grid-proxy-info", "-timeleft"]).stdout == "-1\n")
        #expect(lab.run(["grid-proxy-info", "-exists"]).status == 1)
    }

    @Test func proxyReadableByOthersIsRefused() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: lab.defaultProxy)
        let result = lab.run(["grid-proxy-info"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("permissions are too open"))
    }

    @Test func validWithoutExistsIsAUsageError() throws {
        let lab = try Lab()
        let result = lab.run(["grid-proxy-info", "-valid", "1:00"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ERROR: option -valid : suboption to -exists"))
    }

    @Test func rfc2253NamesAreReversedAndCommaSeparated() throws {
        let lab = try Lab()
        #expect(lab.makeProxy().status == 0)
        #expect(lab.run(["grid-proxy-info", "-identity", "-rfc2253"]).stdout
            == "CN=Ada Lovelace,OU=local,OU=simpleCA-tools,OU=GlobusTest,O=Grid\n")
    }
}
