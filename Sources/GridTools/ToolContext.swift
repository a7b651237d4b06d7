import Foundation

/// Everything a guest command touches outside its arguments: environment, user, clock, terminal.
///
/// The real binary uses ``ToolContext/system()``; tests point `environment` at temporary
/// directories (`HOME`, `X509_*`, `GRIDMAP`), fix `uid`, and capture the output.
public struct ToolContext {
    /// Environment variables (`HOME`, `X509_USER_CERT`, `X509_USER_KEY`, `X509_USER_PROXY`, `X509_CERT_DIR`, `GRIDMAP`).
    public var environment: [String: String]
    /// The real user id; names the default proxy file `/tmp/x509up_u<uid>`.
    public var uid: UInt32
    /// The directory default proxies live in (`/tmp`).
    public var temporaryDirectory: String = "/tmp"
    /// The current time.
    public var now: () -> Date
    /// Writes to standard output (command results).
    public var standardOutput: (String) -> Void
    /// Writes to standard error (errors, warnings, prompts that are not results).
    public var standardError: (String) -> Void
    /// Reads one line from standard input without its newline; nil at end of input.
    public var readStandardInputLine: () -> String?
    /// Asks for a secret on the terminal with echo off; throws when there is no terminal.
    public var readSecret: (_ prompt: String) throws -> String
    /// Whether a local account exists (grid-mapfile tools check `-ln` names).
    public var userExists: (_ name: String) -> Bool

    /// Creates a context from its parts.
    public init(
        environment: [String: String], uid: UInt32, now: @escaping () -> Date = Date.init,
        standardOutput: @escaping (String) -> Void, standardError: @escaping (String) -> Void,
        readStandardInputLine: @escaping () -> String? = { nil },
        readSecret: @escaping (String) throws -> String = { _ in throw ToolContext.noTerminal },
        userExists: @escaping (String) -> Bool = { _ in true }
    ) {
        self.environment = environment
        self.uid = uid
        self.now = now
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.readStandardInputLine = readStandardInputLine
        self.readSecret = readSecret
        self.userExists = userExists
    }

    /// The error `readSecret` throws when no terminal is available.
    public static let noTerminal = GridToolsError(
        "there is no terminal to ask for the pass phrase",
        hint: "pipe the pass phrase in and add -pwstdin: echo \"$PASS\" | grid-proxy-init -pwstdin")

    /// The home directory: `$HOME`, else `/root` for uid 0, else `/`.
    public var home: String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return uid == 0 ? "/root" : "/"
    }

    func out(_ text: String) { standardOutput(text) }
    func err(_ text: String) { standardError(text) }
}
