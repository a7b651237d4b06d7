import Foundation
import GridCA
import SwiftASN1
import Testing
import X509

@Suite struct GSIVerifierTests {
    @Test func acceptsAProxyChainAndReportsTheIdentity() throws {
        let result = try Fixtures.verifier().verify(credential: Fixtures.proxy)
        #expect(result.identity == Fixtures.user.subject)
        #expect(result.proxyDepth == 1)
        #expect(!result.isLimited && !result.isIndependent)
        #expect(result.trustAnchor == Fixtures.caSubject)
    }

    @Test func acceptsProxyOfProxyWithItsDepth() throws {
        let second = try ProxyFactory.create(from: Fixtures.proxy, options: ProxyOptions(keyBits: 1024))
        let third = try ProxyFactory.create(from: second, options: ProxyOptions(keyBits: 1024))
        #expect(try Fixtures.verifier().verify(credential: third).proxyDepth == 3)
    }

    @Test func acceptsPlainUserAndHostCertificates() throws {
        #expect(try Fixtures.verifier().verify(credential: Fixtures.user).proxyDepth == 0)
        #expect(try Fixtures.verifier().verify(credential: Fixtures.host).identity == Fixtures.host.subject)
    }

    @Test func loadsTrustFromAnX509CertDir() throws {
        let directory = TestDirectory()
        let verifier = try GSIVerifier(trustDirectory: try Fixtures.trustDirectory(directory))
        #expect(try verifier.verify(credential: Fixtures.proxy).identity == Fixtures.user.subject)
    }

    @Test func reportsALimitedProxyAsLimited() throws {
        let limited = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(policy: .limited, keyBits: 1024))
        #expect(try Fixtures.verifier().verify(credential: limited).isLimited)
        let below = try ProxyFactory.create(from: limited, options: ProxyOptions(policy: .limited, keyBits: 1024))
        #expect(try Fixtures.verifier().verify(credential: below).isLimited)
    }

    @Test func reportsAnIndependentProxy() throws {
        let independent = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(policy: .independent, keyBits: 1024))
        #expect(try Fixtures.verifier().verify(credential: independent).isIndependent)
    }

    @Test func rejectsAnImpersonationProxySignedByALimitedProxy() throws {
        let limited = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(policy: .limited, keyBits: 1024))
        let widened = try TestSigner.proxy(issuer: limited)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: widened) } == .limitedProxyDelegation)
    }

    @Test func rejectsAnExpiredProxy() throws {
        let expired = try TestSigner.proxy(issuer: Fixtures.user, notBefore: Date() - 7200, notAfter: Date() - 60)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: expired) } == .proxyExpired)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: Fixtures.proxy, at: Date() + 13 * 3600) } == .proxyExpired)
    }

    @Test func rejectsAProxyNotYetValid() throws {
        let early = try TestSigner.proxy(issuer: Fixtures.user, notBefore: Date() + 3600, notAfter: Date() + 7200)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: early) } == .proxyNotYetValid)
    }

    @Test func rejectsAnExpiredUserCertificate() throws {
        let old = try Fixtures.ca.issueUser(name: "old", serial: 60, lifetime: 3600, keyBits: 1024, now: Date() - 86_400)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: old) } == .certificateExpired)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: Fixtures.user, at: Date() + 400 * 86_400) } == .certificateExpired)
    }

    @Test func rejectsAUserCertificateNotYetValid() throws {
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: Fixtures.user, at: Date() - 3600) } == .certificateNotYetValid)
    }

    @Test func rejectsAProxySignedByAKeyOtherThanItsIssuers() throws {
        let forged = try TestSigner.proxy(issuer: Fixtures.user, signer: TestSigner.spareKey)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: forged) } == .proxySignatureInvalid)
    }

    @Test func rejectsAProxyWhoseSubjectIsNotIssuerPlusOneCN() throws {
        let cases = [
            "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/OU=local/CN=Eve/CN=1",
            Fixtures.user.subject + "/OU=1",
            Fixtures.user.subject + "/CN=1/CN=2",
            Fixtures.user.subject,
        ]
        for subject in cases {
            let forged = try TestSigner.proxy(issuer: Fixtures.user, subject: try DistinguishedName(globusOneLine: subject))
            #expect(errorCode { _ = try Fixtures.verifier().verify(credential: forged) } == .proxySubjectInvalid, "\(subject)")
        }
    }

    @Test func opensslAlsoRejectsTheBadProxySubject() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let forged = try TestSigner.proxy(issuer: Fixtures.user, subject: try DistinguishedName(globusOneLine: Fixtures.user.subject + "/OU=1"))
        let user = directory.write(Fixtures.user.certificatePEM, to: "user.pem")
        let leaf = directory.write(forged.certificatePEM, to: "leaf.pem")
        let result = try ExternalTool.openssl(["verify", "-allow_proxy_certs", "-CApath", trust.path, "-untrusted", user.path, leaf.path])
        #expect(result.status != 0)
    }

    @Test func rejectsExceedingTheProxyPathLength() throws {
        let bounded = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(pathLengthConstraint: 1, keyBits: 1024))
        let middle = try ProxyFactory.create(from: bounded, options: ProxyOptions(keyBits: 1024))
        #expect(try Fixtures.verifier().verify(credential: middle).proxyDepth == 2)
        let tooDeep = try TestSigner.proxy(issuer: middle)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: tooDeep) } == .proxyPathLengthExceeded)
    }

    @Test func rejectsANonCriticalProxyCertInfo() throws {
        let lax = try TestSigner.proxy(issuer: Fixtures.user, infoCritical: false)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: lax) } == .proxyCertInfoNotCritical)
    }

    @Test func rejectsAProxyCarryingASubjectAltName() throws {
        let san = try Certificate.Extension(SubjectAlternativeNames([.dnsName("evil.example")]), critical: false)
        let forged = try TestSigner.proxy(issuer: Fixtures.user, extraExtensions: [san])
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: forged) } == .proxyForbiddenExtension)
    }

    @Test func rejectsAProxyFromAnIssuerWithoutDigitalSignature() throws {
        let noSign = try Fixtures.ca.issue(subject: try DistinguishedName(globusOneLine: "/O=Grid/CN=nosign"), profile: .user, serial: 61, keyBits: 1024)
        // Re-sign the user certificate with keyEncipherment only.
        var extensions = Certificate.Extensions()
        try extensions.append(Certificate.Extension(KeyUsage(keyEncipherment: true), critical: true))
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(62), publicKey: noSign.certificate.publicKey, notValidBefore: Date() - 60,
            notValidAfter: Date() + 3600, issuer: Fixtures.ca.certificate.subject, subject: noSign.certificate.subject,
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: extensions, issuerPrivateKey: .init(Fixtures.ca.privateKey))
        let issuer = try GridCredential(certificate: certificate, privateKey: noSign.privateKey)
        let proxy = try TestSigner.proxy(issuer: issuer)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: proxy) } == .proxyIssuerCannotSign)
    }

    @Test func rejectsACertificateFromAnotherCA() throws {
        let stranger = try Fixtures.otherCA.issueUser(name: "mallory", serial: 7, keyBits: 1024)
        let proxy = try ProxyFactory.create(from: stranger, options: ProxyOptions(keyBits: 1024))
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: proxy) } == .untrustedIssuer)
    }

    @Test func rejectsACertificateFromAnImpostorCAWithTheSameName() throws {
        let impostor = try CertificateAuthority.create(subject: Fixtures.caSubject, keyBits: 1024)
        let user = try impostor.issueUser(name: "Ada Lovelace", serial: 2, keyBits: 1024)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: user) } == .signatureInvalid)
    }

    @Test func rejectsARevokedUserCertificate() throws {
        let verifier = try Fixtures.verifier(crlEntries: [.init(serial: 2, revocationDate: Date() - 30)])
        #expect(errorCode { _ = try verifier.verify(credential: Fixtures.proxy) } == .certificateRevoked)
        #expect(try verifier.verify(credential: Fixtures.host).proxyDepth == 0)
    }

    @Test func rejectsAStaleCRL() throws {
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: Fixtures.user, at: Date() + 2 * 86_400) } == .crlExpired)
    }

    @Test func rejectsACRLNotSignedByTheCA() throws {
        let foreign = try RevocationList.sign(by: Fixtures.otherCA, entries: [], crlNumber: 1, thisUpdate: Date() - 60, nextUpdate: Date() + 3600)
        // Same issuer name, wrong key: build with an impostor CA of the fixture's name.
        let impostor = try CertificateAuthority.create(subject: Fixtures.caSubject, keyBits: 1024)
        let forged = try RevocationList.sign(by: impostor, entries: [], crlNumber: 1, thisUpdate: Date() - 60, nextUpdate: Date() + 3600)
        let verifier = GSIVerifier(trust: TrustStore(anchors: [Fixtures.ca.certificate], crls: [foreign, forged]))
        #expect(errorCode { _ = try verifier.verify(credential: Fixtures.user) } == .crlSignatureInvalid)
    }

    @Test func rejectsAChainWithoutTheUserCertificate() throws {
        let bare = try GridCredential(certificate: Fixtures.proxy.certificate, privateKey: Fixtures.proxy.privateKey)
        #expect(errorCode { _ = try Fixtures.verifier().verify(credential: bare) } == .untrustedIssuer)
        #expect(errorCode { _ = try Fixtures.verifier().verify(chain: []) } == .emptyChain)
    }

    @Test func acceptsAProxyMadeByTheRealGridProxyInit() throws {
        guard let tool = ExternalTool.require("grid-proxy-init", hint: ExternalTool.globusInstallHint) else { return }
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let cert = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let key = directory.write(try Fixtures.user.encryptedKeyPEM(passphrase: Fixtures.passphrase), to: "userkey.pem", mode: 0o400)
        let out = directory.file("x509up")
        let result = try ExternalTool.run(
            tool, ["-cert", cert.path, "-key", key.path, "-out", out.path, "-pwstdin"],
            environment: ["X509_CERT_DIR": trust.path], stdin: Fixtures.passphrase + "\n")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("Your identity: \(Fixtures.user.subject)"), "\(result.output)")
        let proxy = try ProxyFile.read(out)
        let verified = try Fixtures.verifier().verify(credential: proxy)
        #expect(verified.identity == Fixtures.user.subject)
        #expect(verified.proxyDepth == 1 && !verified.isLimited)
        let limitedOut = directory.file("x509up-limited")
        let limited = try ExternalTool.run(
            tool, ["-cert", cert.path, "-key", key.path, "-out", limitedOut.path, "-pwstdin", "-limited"],
            environment: ["X509_CERT_DIR": trust.path], stdin: Fixtures.passphrase + "\n")
        #expect(limited.status == 0, "\(limited.output)")
        #expect(try Fixtures.verifier().verify(credential: try ProxyFile.read(limitedOut)).isLimited)
    }

    @Test func everyFailureHasAMessageAndAHint() throws {
        let forged = try TestSigner.proxy(issuer: Fixtures.user, signer: TestSigner.spareKey)
        do {
            _ = try Fixtures.verifier().verify(credential: forged)
            Issue.record("forged proxy accepted")
        } catch let error as GridCAError {
            #expect(error.message.contains(Fixtures.user.subject))
            #expect(!error.hint.isEmpty)
            #expect(error.description.contains("hint:"))
        }
    }
}
