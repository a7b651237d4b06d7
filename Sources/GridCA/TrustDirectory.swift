import Foundation
import X509

/// Writes a CA into a trusted-CA directory the way Globus expects (`/etc/grid-security/certificates`).
public enum TrustDirectory {
    /// The files that install a CA: name -> contents (`<hash>.0`, `<hash>.signing_policy`, and `<hash>.r0` when a CRL is given).
    public static func files(for ca: CertificateAuthority, crl: RevocationList? = nil) -> [String: String] {
        let hash = ca.subjectHash
        var files = ["\(hash).0": ca.certificatePEM, "\(hash).signing_policy": ca.signingPolicy]
        if let crl { files["\(hash).r0"] = crl.pemString }
        return files
    }

    /// Writes those files into `directory` (created if needed), each with mode 0644.
    public static func install(_ ca: CertificateAuthority, crl: RevocationList? = nil, into directory: URL) throws {
        for (name, text) in files(for: ca, crl: crl) {
            try FileIO.write(text, to: directory.appendingPathComponent(name), mode: 0o644)
        }
    }
}
