import Foundation
import GridCA
import GridTools

/// A student's view of a lab in a temporary directory: `~/.globus` with certificate and key,
/// a trusted-CA directory, a private `/tmp` for the default proxy, and a grid-mapfile path.
final class Lab {
    static let uid: UInt32 = 4242

    let directory = TestDirectory()
    var home: String { directory.path("home") }
    var trustDirectory: String { directory.path("certificates") }
    var tmp: String { directory.path("tmp") }
    var gridMapFile: String { directory.path("grid-security/grid-mapfile") }
    /// Where `grid-proxy-init` writes by default: `<tmp>/x509up_u<uid>`.
    var defaultProxy: String { tmp + "/x509up_u\(Self.uid)" }
    var userCertificate: String { home + "/.globus/usercert.pem" }
    var userKey: String { home + "/.globus/userkey.pem" }

    /// Local accounts that exist in this lab.
    var accounts: Set<String> = ["ada", "bob", "root"]
    /// Lines given to the command on stdin.
    var stdinLines: [String] = []
    /// Prompts the command showed on the (fake) terminal.
    var prompts: [String] = []
    /// What the terminal answers; nil means there is no terminal.
    var terminalAnswer: String?

    init(user: GridCredential = Fixtures.user, keyMode: Int = 0o400, trust: CertificateAuthority = Fixtures.ca) throws {
        directory.write(user.certificatePEM, to: "home/.globus/usercert.pem")
        let key = user.certificate == Fixtures.user.certificate ? Fixtures.encryptedUserKey : try user.encryptedKeyPEM(passphrase: Fixtures.passphrase)
        directory.write(key, to: "home/.globus/userkey.pem", mode: keyMode)
        try TrustDirectory.install(trust, into: URL(fileURLWithPath: trustDirectory))
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.path("grid-security"), withIntermediateDirectories: true)
    }

    var environment: [String: String] {
        ["HOME": home, "X509_CERT_DIR": trustDirectory, "GRIDMAP": gridMapFile, "PATH": "/usr/bin:/bin"]
    }

    /// Runs a command in-process with this lab's context; `extra` adds or overrides environment variables.
    func run(_ command: [String], stdin: [String] = [], extra: [String: String] = [:]) -> CommandResult {
        let output = OutputBuffer()
        stdinLines = stdin
        var context = ToolContext(
            environment: environment.merging(extra) { $1 }, uid: Self.uid,
            standardOutput: { output.stdout += $0 }, standardError: { output.stderr += $0 },
            readStandardInputLine: { [unowned self] in self.stdinLines.isEmpty ? nil : self.stdinLines.removeFirst() },
            readSecret: { [unowned self] prompt in
                self.prompts.append(prompt)
                guard let answer = self.terminalAnswer else { throw ToolContext.noTerminal }
                return answer
            },
            userExists: { [unowned self] in self.accounts.contains($0) })
        context.temporaryDirectory = tmp
        let status = GuestMultiCall.main(command, context: context)
        return CommandResult(status: status, stdout: output.stdout, stderr: output.stderr)
    }

    /// Makes the default proxy with grid-proxy-init.
    @discardableResult
    func makeProxy(_ arguments: [String] = []) -> CommandResult {
        run(["grid-proxy-init", "-pwstdin"] + arguments, stdin: [Fixtures.passphrase])
    }

    /// The environment for the real Globus tools and the built binary.
    var processEnvironment: [String: String] {
        // The Globus tools find ~/.globus through the password database, not $HOME: name the files.
        environment.merging(["X509_USER_PROXY": defaultProxy, "X509_USER_CERT": userCertificate, "X509_USER_KEY": userKey]) { $1 }
    }
}

final class OutputBuffer {
    var stdout = ""
    var stderr = ""
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Whether `text` matches the regular expression `pattern` as a whole.
func matches(_ text: String, _ pattern: String) -> Bool {
    text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
}
