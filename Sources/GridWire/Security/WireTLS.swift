import Foundation
import GridCA
import NIOSSL
import X509

/// TLS 1.3 contexts for GSI: host credential on servers, proxy chain (or host credential) on clients,
/// and the chain conversions between NIOSSL and swift-certificates.
///
/// BoringSSL no longer understands proxy certificates, so both sides install a custom verification
/// callback that hands the presented chain to `GSIVerifier`; the trust roots given to BoringSSL here
/// are only used for the CA names nobody asks for, never for verification.
enum WireTLS {
    static func serverContext(credential: GridCredential, trust: TrustStore) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try certificateSources(credential), privateKey: try privateKeySource(credential))
        // Requires a client certificate (SSL_VERIFY_FAIL_IF_NO_PEER_CERT); the custom callback replaces the checks.
        configuration.certificateVerification = .noHostnameVerification
        return try context(configuration, trust: trust, side: "server")
    }

    static func clientContext(credential: GridCredential?, trust: TrustStore) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let credential {
            configuration.certificateChain = try certificateSources(credential)
            configuration.privateKey = try privateKeySource(credential)
        }
        configuration.certificateVerification = .fullVerification
        return try context(configuration, trust: trust, side: "client")
    }

    private static func context(_ base: TLSConfiguration, trust: TrustStore, side: String) throws -> NIOSSLContext {
        var configuration = base
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        do {
            configuration.trustRoots = .certificates(try trust.anchors.map(nioCertificate))
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw WireError(
                .invalidConfiguration, "the TLS \(side) context cannot be created from the credential", hint: "check the certificate and key files",
                underlying: error)
        }
    }

    /// The credential's certificate first, then its chain (for a proxy: the issuing proxies and the user certificate).
    static func certificateSources(_ credential: GridCredential) throws -> [NIOSSLCertificateSource] {
        try ([credential.certificate] + credential.chain).map { .certificate(try nioCertificate($0)) }
    }

    static func privateKeySource(_ credential: GridCredential) throws -> NIOSSLPrivateKeySource {
        .privateKey(try NIOSSLPrivateKey(bytes: Array(credential.keyPEM.utf8), format: .pem))
    }

    static func nioCertificate(_ certificate: Certificate) throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(PEM.certificate(certificate).utf8), format: .pem)
    }

    /// The peer's presented chain (leaf first) as swift-certificates values.
    static func x509Chain(_ certificates: [NIOSSLCertificate]) throws -> [Certificate] {
        try certificates.map { try PEM.certificate(der: try $0.toDERBytes()) }
    }

    /// The subjectAltName dNSNames of a certificate.
    static func dnsNames(of certificate: Certificate) -> [String] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }
    }

    /// Host name equality for certificate checks: case-insensitive, a trailing dot ignored.
    static func hostNamesMatch(_ a: String, _ b: String) -> Bool {
        func normal(_ name: String) -> String { (name.hasSuffix(".") ? String(name.dropLast()) : name).lowercased() }
        return normal(a) == normal(b)
    }
}
