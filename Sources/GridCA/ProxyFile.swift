import Foundation
import X509
import _CryptoExtras

/// The Globus proxy file (`/tmp/x509up_u<uid>`): proxy certificate, its unencrypted key, then the chain.
public enum ProxyFile {
    /// The file text: proxy certificate PEM, PKCS#1 key PEM, then each chain certificate PEM.
    public static func text(of proxy: GridCredential) -> String {
        proxy.certificatePEM + proxy.keyPEM + proxy.chain.map(PEM.certificate).joined()
    }

    /// Writes the proxy file with mode 0600.
    public static func write(_ proxy: GridCredential, to url: URL) throws {
        try FileIO.write(text(of: proxy), to: url, mode: 0o600)
    }

    /// The default proxy path: `$X509_USER_PROXY`, else `/tmp/x509up_u<uid>`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["X509_USER_PROXY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: "/tmp/x509up_u\(getuid())")
    }

    /// Reads a proxy file (or any file of certificate + key + chain); by default refuses one readable by group or others.
    public static func read(_ url: URL, checkPermissions: Bool = true) throws -> GridCredential {
        if checkPermissions { try KeyFilePermissions.check(url) }
        return try parse(try FileIO.readString(url), location: url.path)
    }

    /// Parses proxy file text.
    public static func parse(_ text: String, location: String? = nil) throws -> GridCredential {
        let certificates = try PEM.certificates(in: text, location: location)
        guard let first = certificates.first else {
            throw GridCAError(.invalidProxyFile, "the proxy file holds no certificate", hint: "create a proxy with grid-proxy-init", location: location)
        }
        let key: _RSA.Signing.PrivateKey
        do {
            key = try PrivateKeyPEM.read(text, passphrase: nil, location: location)
        } catch {
            throw GridCAError(.invalidProxyFile, "the proxy file holds no usable unencrypted private key", hint: "create a proxy with grid-proxy-init", location: location, underlying: error)
        }
        return try GridCredential(certificate: first, privateKey: key, chain: Array(certificates.dropFirst()))
    }
}
