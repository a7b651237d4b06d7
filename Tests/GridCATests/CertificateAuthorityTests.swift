import Foundation
import GridCA
import SwiftASN1
import Testing
import X509

@Suite struct CertificateAuthorityTests {
    @Test func caIsSelfSignedWithCriticalCAConstraints() throws {
        let certificate = Fixtures.ca.certificate
        #expect(certificate.subject == certificate.issuer)
        #expect(certificate.subject.globusOneLine == Fixtures.caSubject)
        #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        let basic = try #require(certificate.extensions[oid: .X509ExtensionID.basicConstraints])
        #expect(basic.critical)
        guard case .isCertificateAuthority = try certificate.extensions.basicConstraints else {
            Issue.record("CA:TRUE missing")
            return
        }
        let usage = try #require(certificate.extensions[oid: .X509ExtensionID.keyUsage])
        #expect(usage.critical)
        let keyUsage = try KeyUsage(usage)
        #expect(keyUsage.keyCertSign && keyUsage.cRLSign && !keyUsage.digitalSignature)
        #expect(try certificate.extensions.subjectKeyIdentifier != nil)
        #expect(certificate.publicKey.description == "RSA2048.PublicKey")
    }

    @Test func opensslSeesTheCAExtensions() throws {
        let directory = TestDirectory()
        let file = directory.write(Fixtures.ca.certificatePEM, to: "ca.pem")
        let text = try ExternalTool.openssl(["x509", "-in", file.path, "-noout", "-text"]).stdout
        #expect(text.contains("X509v3 Basic Constraints: critical") && text.contains("CA:TRUE"))
        #expect(text.contains("X509v3 Key Usage: critical") && text.contains("Certificate Sign, CRL Sign"))
        #expect(text.contains("X509v3 Subject Key Identifier"))
    }

    @Test func hostCertificateHasHostNameSANsAndTLSUsages() throws {
        let host = Fixtures.host.certificate
        #expect(host.subject.globusOneLine == "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=host/node1.intro.lab")
        let names = try #require(try host.extensions.subjectAlternativeNames)
        #expect(Array(names) == [.dnsName("node1.intro.lab"), .dnsName("node1")])
        let usage = try #require(try host.extensions.keyUsage)
        #expect(usage.digitalSignature && usage.keyEncipherment && !usage.keyCertSign)
        let eku = try #require(try host.extensions.extendedKeyUsage)
        #expect(eku.contains(.serverAuth) && eku.contains(.clientAuth))
        #expect(try host.extensions.authorityKeyIdentifier?.keyIdentifier == (try Fixtures.ca.certificate.extensions.subjectKeyIdentifier)?.keyIdentifier)
        #expect(try host.extensions.subjectKeyIdentifier != nil)
    }

    @Test func userCertificateGoesUnderOULocalByDefault() throws {
        #expect(Fixtures.user.subject == "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=Ada Lovelace")
        let custom = try Fixtures.ca.issueUser(
            name: "bob", serial: 50, userBase: try DistinguishedName(globusOneLine: "/O=Grid/OU=Students"), keyBits: 1024)
        #expect(custom.subject == "/O=Grid/OU=Students/CN=bob")
    }

    @Test func opensslVerifiesHostAndUserCertificatesAgainstTheTrustDirectory() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        for (name, credential) in [("host", Fixtures.host), ("user", Fixtures.user)] {
            let file = directory.write(credential.certificatePEM, to: "\(name).pem")
            let result = try ExternalTool.openssl(["verify", "-CApath", trust.path, "-crl_check", file.path])
            #expect(result.status == 0, "\(name): \(result.output)")
            #expect(result.stdout.contains(": OK"))
        }
    }

    @Test func opensslRejectsACertificateFromAnotherCA() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let stranger = try Fixtures.otherCA.issueUser(name: "mallory", serial: 7, keyBits: 1024)
        let file = directory.write(stranger.certificatePEM, to: "stranger.pem")
        let result = try ExternalTool.openssl(["verify", "-CApath", trust.path, file.path])
        #expect(result.status != 0)
    }

    @Test func gridCertInfoReadsIssuedCertificates() throws {
        guard let tool = ExternalTool.require("grid-cert-info", hint: ExternalTool.globusInstallHint) else { return }
        let directory = TestDirectory()
        for credential in [Fixtures.user, Fixtures.host] {
            let file = directory.write(credential.certificatePEM, to: "cert.pem")
            let subject = try ExternalTool.run(tool, ["-file", file.path, "-subject"])
            #expect(subject.status == 0, "\(subject.output)")
            #expect(subject.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == credential.subject)
            let issuer = try ExternalTool.run(tool, ["-file", file.path, "-issuer"])
            #expect(issuer.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Fixtures.caSubject)
        }
    }

    @Test func signingPolicyHasTheGlobusLayout() {
        let expected = """
            access_id_CA      X509         '/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA'
            pos_rights        globus        CA:sign
            cond_subjects     globus       '"/O=Grid/OU=GlobusTest/OU=simpleCA-intro/*"'

            """
        #expect(Fixtures.ca.signingPolicy == expected)
    }

    @Test func signingPolicyGlobMatchesIssuedNamesOnly() {
        let policy = SigningPolicy(caSubject: Fixtures.caSubject, allowedSubjects: ["/O=Grid/OU=GlobusTest/OU=simpleCA-intro/*"])
        #expect(policy.allows(Fixtures.user.subject))
        #expect(!policy.allows("/O=Grid/OU=Other/CN=x"))
    }

    @Test func trustDirectoryFilesAreNamedByTheSubjectHash() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let hash = Fixtures.ca.subjectHash
        let names = try FileManager.default.contentsOfDirectory(atPath: trust.path).sorted()
        #expect(names == ["\(hash).0", "\(hash).r0", "\(hash).signing_policy"])
        let mode = try FileManager.default.attributesOfItem(atPath: trust.appendingPathComponent("\(hash).0").path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func hostNamesAreValidated() {
        #expect(errorCode { _ = try Fixtures.ca.issueHost(dnsNames: [], serial: 1) } == .invalidRequest)
        #expect(errorCode { _ = try Fixtures.ca.issueHost(dnsNames: ["bad name"], serial: 1) } == .invalidRequest)
    }

    @Test func issuedCertificatesNeverOutliveTheCA() throws {
        let short = try CertificateAuthority.create(subject: "/O=Grid/CN=Short CA", lifetime: 3600, keyBits: 1024)
        let user = try short.issueUser(name: "u", serial: 1, lifetime: 86_400 * 30, keyBits: 1024)
        #expect(user.certificate.notValidAfter == short.certificate.notValidAfter)
    }
}
