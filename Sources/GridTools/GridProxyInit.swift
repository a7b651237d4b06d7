import Foundation
import GridCA

/// `grid-proxy-init`: makes an RFC 3820 proxy from the user's certificate and encrypted key.
public struct GridProxyInit: GridCommand {
    public static let name = "grid-proxy-init"
    public static let synopsis = "[-help][-pwstdin][-limited][-valid H:M] ..."
    public static let summary = "Creates a proxy certificate from your user certificate and key, valid for 12 hours by default."
    public static let options: [OptionSpec] = [
        OptionSpec("debug", help: "Enables extra debug output"),
        OptionSpec("q", help: "Quiet mode, minimal output"),
        OptionSpec("verify", help: "Verifies the new proxy against the trusted CAs"),
        OptionSpec("pwstdin", help: "Reads the pass phrase from stdin (one line)"),
        OptionSpec("limited", help: "Creates a limited proxy"),
        OptionSpec("independent", help: "Creates an independent proxy"),
        OptionSpec("rfc", help: "Creates an RFC 3820 compliant proxy (the default)"),
        OptionSpec("draft", help: "Draft (GSI-3) proxies: not supported"),
        OptionSpec("old", help: "Legacy Globus proxies: not supported"),
        OptionSpec("valid", .value, placeholder: "h:m", help: "Proxy is valid for h hours and m minutes (default:12:00)"),
        OptionSpec("hours", .value, placeholder: "hours", help: "Deprecated support of hours option"),
        OptionSpec("bits", .value, placeholder: "bits", help: "Number of bits in key {2048|3072|4096}"),
        OptionSpec("policy", .value, placeholder: "policyfile", help: "Restricted proxy policies: not supported"),
        OptionSpec("pl", aliases: ["policy-language"], .value, placeholder: "oid", help: "Policy language: not supported"),
        OptionSpec("path-length", .value, placeholder: "l", help: "Allow a chain of at most l proxies to be generated from this one"),
        OptionSpec("cert", .value, placeholder: "certfile", help: "Non-standard location of user certificate"),
        OptionSpec("key", .value, placeholder: "keyfile", help: "Non-standard location of user key"),
        OptionSpec("certdir", .value, placeholder: "certdir", help: "Non-standard location of trusted cert dir"),
        OptionSpec("out", .value, placeholder: "proxyfile", help: "Non-standard location of new proxy cert"),
    ]

    var quiet = false
    var debug = false
    var verify = false
    var passphraseFromStandardInput = false
    var proxyOptions = ProxyOptions()
    var certificateFile: String?
    var keyFile: String?
    var trustDirectory: String?
    var outputFile: String?

    public init(options: ParsedOptions) throws {
        for unsupported in ["draft", "old", "policy", "pl"] where options.has(unsupported) {
            throw UsageError(option: "-" + unsupported, "not supported: vgrid makes RFC 3820 impersonation, limited or independent proxies")
        }
        if options.has("limited") && options.has("independent") {
            throw UsageError(option: "-independent", "cannot be combined with -limited")
        }
        quiet = options.has("q")
        debug = options.has("debug")
        verify = options.has("verify")
        passphraseFromStandardInput = options.has("pwstdin")
        proxyOptions.policy = options.has("limited") ? .limited : options.has("independent") ? .independent : .inheritAll
        if let valid = options.value("valid") {
            proxyOptions.lifetime = TimeInterval(try GlobusTime.minutes(fromHoursMinutes: valid, option: "-valid") * 60)
        } else if let hours = options.value("hours") {
            proxyOptions.lifetime = TimeInterval(try GlobusTime.minutes(fromHours: hours, option: "-hours") * 60)
        }
        if let bits = options.value("bits") {
            // Keys below 2048 bits make proxies the lab's services (swift-certificates) cannot even parse.
            guard let value = Int(bits), [2048, 3072, 4096].contains(value) else {
                throw UsageError(option: "-bits", "must be 2048, 3072 or 4096 (2048 is the default; smaller keys are refused by the lab's services)")
            }
            proxyOptions.keyBits = value
        }
        if let length = options.value("path-length") {
            guard let value = Int(length), value >= 0 else {
                throw UsageError(option: "-path-length", "need a non-negative integer argument")
            }
            proxyOptions.pathLengthConstraint = value
        }
        certificateFile = options.value("cert")
        keyFile = options.value("key")
        trustDirectory = options.value("certdir")
        outputFile = options.value("out")
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let paths = GridSecurityPaths(context)
        let certPath = certificateFile ?? paths.userCertificate
        let keyPath = keyFile ?? paths.userKey
        let trustPath = trustDirectory ?? paths.trustedCertificates
        let outPath = GridSecurityPaths.absolute(outputFile ?? paths.proxy)
        if debug {
            context.err("\nUser Cert File: \(certPath)\nUser Key File: \(keyPath)\n\nTrusted CA Cert Dir: \(trustPath)\n\nOutput File: \(outPath)\n")
        }
        try checkOutputDirectory(outPath)
        let user = try loadUserCredential(certPath: certPath, keyPath: keyPath, context: context)
        let now = context.now()
        try checkUsable(user, trustPath: trustPath, at: now)

        if !quiet { context.out("Creating proxy ....") }
        let proxy: GridCredential
        do {
            proxy = try ProxyFactory.create(from: user, options: proxyOptions, now: now)
        } catch {
            if !quiet { context.out("\n") }
            throw GridToolsError("Couldn't create proxy certificate.", underlying: error)
        }
        if !quiet { context.out(" Done\n") }
        if verify {
            do {
                _ = try GSIVerifier(trustDirectory: URL(fileURLWithPath: trustPath)).verify(credential: proxy, at: now)
            } catch {
                throw GridToolsError("Couldn't verify the authenticity of the user's credential to generate a proxy from.", underlying: error)
            }
            context.out("Proxy Verify OK\n")
        }
        do {
            try ProxyFile.write(proxy, to: URL(fileURLWithPath: outPath))
        } catch {
            throw GridToolsError("The proxy credential could not be written to the output file \(outPath).", underlying: error)
        }
        reportLifetime(of: proxy, issuer: user, now: now, context: context)
        return 0
    }

    /// Globus refuses an output directory that does not exist rather than creating it.
    func checkOutputDirectory(_ outPath: String) throws {
        let directory = URL(fileURLWithPath: outPath).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GridToolsError(
                "\(directory) is not a valid directory for writing the proxy certificate.",
                hint: "create the directory first, or choose another file with -out")
        }
    }

    /// The user certificate must not have expired and must lead to a trusted CA.
    func checkUsable(_ user: GridCredential, trustPath: String, at now: Date) throws {
        if now > user.certificate.notValidAfter {
            throw GridToolsError(
                "Your certificate has expired: \(GlobusTime.asctime(user.certificate.notValidAfter))",
                hint: "ask the lab administrator to renew it (vgrid ca renew) and install the new usercert.pem", exitCode: 2)
        }
        do {
            _ = try GSIVerifier(trustDirectory: URL(fileURLWithPath: trustPath)).verify(credential: user, at: now)
        } catch {
            throw GridToolsError("Couldn't verify your certificate against the trusted CAs in \(trustPath).", underlying: error)
        }
    }

    /// `Your proxy is valid until: ...`, or Globus's warning when the certificate ends first.
    func reportLifetime(of proxy: GridCredential, issuer: GridCredential, now: Date, context: ToolContext) {
        let goodTill = GlobusTime.asctime(proxy.certificate.notValidAfter)
        if issuer.certificate.notValidAfter.timeIntervalSince(now) < proxyOptions.lifetime {
            context.err("\nWarning: your certificate and proxy will expire \(goodTill) which is within the requested lifetime of the proxy\n")
        } else if !quiet {
            context.out("Your proxy is valid until: \(goodTill)\n")
        }
    }
}
