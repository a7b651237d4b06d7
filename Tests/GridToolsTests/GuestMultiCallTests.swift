import Foundation
import GridCA
import GridTools
import Testing

/// The built `vgrid-guest` binary, run as a process the way students run it.
@Suite struct GuestMultiCallTests {
    @Test func binaryMakesAProxyThatItsLinkedGridProxyInfoAndTheRealOneRead() throws {
        guard let binary = ExternalTool.requireGuestBinary(), let realInfo = ExternalTool.require("grid-proxy-info") else { return }
        let lab = try Lab()
        let made = try ExternalTool.run(
            binary, ["grid-proxy-init", "-pwstdin"], environment: lab.processEnvironment, inherit: false,
            stdin: Fixtures.passphrase + "\n")
        #expect(made.status == 0, "\(made.output)")
        #expect(made.stdout.hasPrefix("Your identity: \(Fixtures.userSubject)\nCreating proxy "))

        let link = lab.directory.path("bin/grid-proxy-info")
        try FileManager.default.createDirectory(atPath: lab.directory.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: binary)
        let ours = try ExternalTool.run(link, [], environment: lab.processEnvironment, inherit: false)
        let real = try ExternalTool.run(realInfo, [], environment: lab.processEnvironment, inherit: false)
        #expect(ours.status == 0, "\(ours.output)")
        // Identical apart from the time left, which may tick between the two runs.
        let dropTime = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("timeleft") } }
        #expect(dropTime(ours.stdout) == dropTime(real.stdout), "\(ours.stdout)\n---\n\(real.output)")

        let destroyed = try ExternalTool.run(binary, ["grid-proxy-destroy"], environment: lab.processEnvironment, inherit: false)
        #expect(destroyed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: lab.defaultProxy))
        #expect(try ExternalTool.run(link, ["-exists"], environment: lab.processEnvironment, inherit: false).status == 1)
    }

    @Test func passphraseIsAskedOnTheTerminalWithoutEcho() throws {
        guard let binary = ExternalTool.requireGuestBinary(), let script = ExternalTool.require("script", hint: "apt-get install bsdutils") else { return }
        let lab = try Lab()
        // script(1) gives the command a pseudo-terminal; the pass phrase is typed after the prompt is up.
        let typed = "(sleep 1; printf '%s\\n' \"$PASS\") | \(script) -qec '\(binary) grid-proxy-init' /dev/null"
        let result = try ExternalTool.run(
            "/bin/sh", ["-c", typed], environment: lab.processEnvironment.merging(["PASS": Fixtures.passphrase]) { $1 }, inherit: false)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("Enter GRID pass phrase for this identity:"))
        #expect(!result.stdout.contains(Fixtures.passphrase))
        #expect(result.stdout.contains("Your proxy is valid until: "))
        #expect(FileManager.default.fileExists(atPath: lab.defaultProxy))
    }

    @Test func binaryListsInstallsAndRejectsUnknownCommands() throws {
        guard let binary = ExternalTool.requireGuestBinary() else { return }
        let list = try ExternalTool.run(binary, ["--list"])
        // The binary also carries GridCommands' commands (GuestCommands.all), after these.
        let listed = list.stdout.split(separator: "\n").map(String.init)
        #expect(Array(listed.prefix(GuestMultiCall.commands.count)) == GuestMultiCall.commands.map { $0.name })
        let unknown = try ExternalTool.run(binary, ["grid-frob"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("grid-frob: no such command"))
        let directory = TestDirectory()
        #expect(try ExternalTool.run(binary, ["--install", directory.url.path]).status == 0)
        let installed = directory.path("grid-cert-info")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: installed) == binary)
        let help = try ExternalTool.run(installed, ["-help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("Syntax: grid-cert-info "))
    }

    @Test func inProcessDispatchUsesTheFirstArgumentWhenTheNameIsNotACommand() throws {
        let lab = try Lab()
        let viaArgument = lab.run(["/usr/bin/vgrid-guest", "grid-cert-info", "-subject"])
        #expect(viaArgument.stdout == Fixtures.userSubject + "\n")
        let viaName = lab.run(["/usr/bin/grid-cert-info", "-subject"])
        #expect(viaName.stdout == viaArgument.stdout)
        let version = lab.run(["grid-proxy-info", "-version"])
        #expect(version.stdout == "grid-proxy-info: vgrid \(GridToolsVersion.current)\n")
    }
}
