import Foundation
import GridCA
import GridTools
import GridWire
import X509

/// The caller's proxy and the trusted CAs, found the Globus way (`X509_USER_PROXY`, `/tmp/x509up_u<uid>`,
/// `X509_CERT_DIR`, `/etc/grid-security/certificates`), ready for a `WireClient`.
public struct UserCredentials: Sendable {
    public var proxy: GridCredential
    /// The proxy file's text, forwarded to gwd with a submission.
    public var proxyText: String
    public var trust: WireTrust

    public init(proxy: GridCredential, proxyText: String, trust: WireTrust) {
        self.proxy = proxy
        self.proxyText = proxyText
        self.trust = trust
    }

    /// Loads the proxy (refusing an expired one with grid-proxy-init's advice) and the trust directory.
    public static func load(_ context: ToolContext) throws -> UserCredentials {
        let paths = GridSecurityPaths(context)
        let proxyURL = URL(fileURLWithPath: paths.proxy)
        if !FileManager.default.fileExists(atPath: proxyURL.path), let host = try hostCredential(context, paths) {
            return host
        }
        guard FileManager.default.fileExists(atPath: proxyURL.path) else {
            throw GridToolsError("no proxy found at \(proxyURL.path)", hint: "create one with grid-proxy-init")
        }
        let proxy: GridCredential
        let text: String
        do {
            text = try String(contentsOf: proxyURL, encoding: .utf8)
            proxy = try ProxyFile.read(proxyURL)
        } catch {
            throw GridToolsError("cannot use the proxy \(proxyURL.path)", hint: "create a new one with grid-proxy-init", underlying: error)
        }
        if proxy.certificate.notValidAfter <= context.now() {
            throw GridToolsError("your proxy expired at \(proxy.certificate.notValidAfter)", hint: "create a new one with grid-proxy-init")
        }
        let trust: WireTrust
        do {
            trust = try WireTrust(directory: URL(fileURLWithPath: paths.trustedCertificates))
        } catch {
            throw GridToolsError("cannot read the trusted CAs in \(paths.trustedCertificates)",
                                 hint: "set X509_CERT_DIR, or ask the lab administrator", underlying: error)
        }
        return UserCredentials(proxy: proxy, proxyText: text, trust: trust)
    }

    /// As in Globus, root with no proxy uses the host certificate (gwd lets its own headnode look
    /// at the pool with it). Nil when the caller is not root or the host has no certificate.
    static func hostCredential(_ context: ToolContext, _ paths: GridSecurityPaths) throws -> UserCredentials? {
        guard context.uid == 0, context.environment["X509_USER_PROXY"] == nil,
              FileManager.default.fileExists(atPath: paths.hostCertificate) else { return nil }
        do {
            let credential = try GridCredential.load(certificateFile: URL(fileURLWithPath: paths.hostCertificate),
                                                     keyFile: URL(fileURLWithPath: paths.hostKey))
            let trust = try WireTrust(directory: URL(fileURLWithPath: paths.trustedCertificates))
            return UserCredentials(proxy: credential, proxyText: "", trust: trust)
        } catch {
            throw GridToolsError("cannot use this host's certificate \(paths.hostCertificate) (root has no proxy)",
                                 hint: "check /etc/grid-security, or make a proxy with grid-proxy-init", underlying: error)
        }
    }

    /// A client presenting the proxy.
    public func client(name: String, requestTimeout: Duration = .seconds(60)) throws -> WireClient {
        try WireClient(credential: proxy, trust: trust, options: WireClient.Options(requestTimeout: requestTimeout, clientName: name))
    }
}
