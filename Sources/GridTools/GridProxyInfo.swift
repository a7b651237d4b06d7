import Foundation
import GridCA

/// `grid-proxy-info`: prints the subject, issuer, identity, type, strength, path and time left of a proxy.
public struct GridProxyInfo: GridCommand {
    public static let name = "grid-proxy-info"
    public static let synopsis = "[-help][-f proxyfile][-subject][...][-e [-h H][-b B]]"
    public static let summary = "Prints information about a proxy; with -exists, answers by exit code whether a usable proxy exists."
    public static let options: [OptionSpec] = [
        OptionSpec("debug", help: "Displays debugging output"),
        OptionSpec("file", aliases: ["f"], .value, placeholder: "proxyfile", help: "Non-standard location of proxy"),
        OptionSpec("exists", aliases: ["e"], help: "Returns 0 if valid proxy exists, 1 otherwise"),
        OptionSpec("valid", aliases: ["v"], .value, placeholder: "H:M", help: "(with -exists) time requirement for proxy to be valid"),
        OptionSpec("hours", aliases: ["h"], .value, placeholder: "H", help: "(with -exists) time requirement in hours (deprecated, use -valid)"),
        OptionSpec("bits", aliases: ["b"], .value, placeholder: "B", help: "(with -exists) strength requirement for proxy to be valid"),
        OptionSpec("subject", aliases: ["s"], help: "Distinguished name (DN) of subject"),
        OptionSpec("issuer", aliases: ["i"], help: "DN of issuer (certificate signer)"),
        OptionSpec("identity", help: "DN of the identity represented by the proxy"),
        OptionSpec("type", help: "Type of proxy (impersonation, limited or independent)"),
        OptionSpec("timeleft", help: "Time (in seconds) until proxy expires"),
        OptionSpec("strength", help: "Key size (in bits)"),
        OptionSpec("all", help: "All above options in a human readable format"),
        OptionSpec("text", help: "All of the certificate"),
        OptionSpec("path", help: "Pathname of proxy file"),
        OptionSpec("rfc2253", help: "Print X.509 names in RFC-2253 form"),
    ]

    static let printOptions: Set<String> = ["subject", "issuer", "identity", "type", "timeleft", "strength", "all", "text", "path"]

    var file: String?
    var exists = false
    var requiredMinutes = 0
    var requiredBits = 0
    var fields: [String]
    var names = NameStyle.globus

    public init(options: ParsedOptions) throws {
        exists = options.has("exists")
        for sub in ["valid", "hours", "bits"] where options.has(sub) && !exists {
            throw UsageError(option: "-" + sub, "suboption to -exists")
        }
        if let valid = options.value("valid") {
            requiredMinutes = try GlobusTime.minutes(fromHoursMinutes: valid, option: "-valid")
        } else if let hours = options.value("hours") {
            requiredMinutes = try GlobusTime.minutes(fromHours: hours, option: "-hours")
        }
        if let bits = options.value("bits") {
            guard let value = Int(bits), value >= 0 else { throw UsageError(option: "-bits", "need a non-negative integer argument") }
            requiredBits = value
        }
        file = options.value("file")
        fields = options.occurrences.map(\.name).filter(Self.printOptions.contains)
        if options.has("rfc2253") { names = .rfc2253 }
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let path = file ?? GridSecurityPaths(context).proxy
        let proxy: GridCredential
        let description: ProxyDescription
        do {
            proxy = try Self.readProxy(path)
            description = try ProxyDescription(proxy, names: names)
        } catch {
            // -exists answers by exit code only.
            if exists { return 1 }
            throw error
        }
        let secondsLeft = description.secondsLeft(at: context.now())
        var output = ""
        for field in fields {
            output += text(of: field, description, proxy: proxy, path: path, secondsLeft: secondsLeft)
        }
        if fields.isEmpty && !exists {
            output = text(of: "all", description, proxy: proxy, path: path, secondsLeft: secondsLeft)
        }
        context.out(output)
        guard exists else { return 0 }
        return secondsLeft >= requiredMinutes * 60 && description.strength >= requiredBits ? 0 : 1
    }

    func text(of field: String, _ info: ProxyDescription, proxy: GridCredential, path: String, secondsLeft: Int) -> String {
        switch field {
        case "subject": return info.subject + "\n"
        case "issuer": return info.issuer + "\n"
        case "identity": return info.identity + "\n"
        case "type": return info.type + "\n"
        case "timeleft": return "\(secondsLeft >= 0 ? secondsLeft : -1)\n"
        case "strength": return "\(info.strength)\n"
        case "path": return path + "\n"
        case "text": return CertificateText.describe(proxy.certificate)
        default:
            return """
                subject  : \(info.subject)
                issuer   : \(info.issuer)
                identity : \(info.identity)
                type     : \(info.type)
                strength : \(info.strength) bits
                path     : \(path)
                timeleft : \(GlobusTime.timeLeft(secondsLeft))

                """
        }
    }

    /// Reads a proxy file as GSI does: it must exist and be private to its owner.
    static func readProxy(_ path: String) throws -> GridCredential {
        let notFound = "Couldn't find a valid proxy."
        guard TextFile.exists(path) else {
            throw GridToolsError(notFound, hint: "create one with grid-proxy-init", underlying: GridToolsError("File does not exist: \(path) is not a valid file"))
        }
        do {
            try KeyFilePermissions.check(URL(fileURLWithPath: path))
        } catch {
            throw GridToolsError(notFound, underlying: error)
        }
        do {
            return try ProxyFile.read(URL(fileURLWithPath: path), checkPermissions: false)
        } catch {
            throw GridToolsError("Couldn't read proxy from: \(path)", underlying: error)
        }
    }
}
