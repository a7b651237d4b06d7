import Crypto
import Foundation
import GridCA
import SwiftASN1
import Testing
import X509

@Suite struct ProxyFactoryTests {
    @Test func subjectIsIssuerPlusCNOfTheKeyDerivedNumber() throws {
        let proxy = Fixtures.proxy.certificate
        let md = Array(Insecure.SHA1.hash(data: proxy.publicKey.subjectPublicKeyInfoBytes))
        let expected = UInt32(md[0]) + (UInt32(md[1]) + (UInt32(md[2]) + UInt32(md[3] >> 1) * 256) * 256) * 256
        #expect(proxy.subject.globusOneLine == Fixtures.user.subject + "/CN=\(expected)")
        #expect(proxy.serialNumber == Certificate.SerialNumber(expected))
        #expect(proxy.issuer == Fixtures.user.certificate.subject)
    }

    @Test func proxyCertInfoIsCriticalWithTheExactInheritAllDER() throws {
        let ext = try #require(Fixtures.proxy.certificate.extensions[oid: ProxyCertInfo.oid])
        #expect(ext.critical)
        #expect(Array(ext.value) == [0x30, 0x0C, 0x30, 0x0A, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x15, 0x01])
    }

    @Test func pathLengthAndPolicyAreEncoded() throws {
        let info = ProxyCertInfo(pathLengthConstraint: 2, policy: .limited)
        #expect(try ProxyCertInfo(derBytes: info.derBytes[...]) == info)
        #expect(info.derBytes.prefix(5) == [0x30, 0x12, 0x02, 0x01, 0x02])
    }

    @Test func keyUsageIsCopiedWithoutNonRepudiationAndCertSign() throws {
        let issuerUsage = try #require(try Fixtures.user.certificate.extensions.keyUsage)
        #expect(issuerUsage.nonRepudiation)
        let usage = try #require(try Fixtures.proxy.certificate.extensions.keyUsage)
        #expect(usage.digitalSignature && usage.keyEncipherment && usage.dataEncipherment)
        #expect(!usage.nonRepudiation && !usage.keyCertSign)
    }

    @Test func hasNoBasicConstraintsAndNoSubjectAltName() {
        let extensions = Fixtures.proxy.certificate.extensions
        #expect(extensions[oid: .X509ExtensionID.basicConstraints] == nil)
        #expect(extensions[oid: .X509ExtensionID.subjectAlternativeName] == nil)
    }

    @Test func lifetimeDefaultsToTwelveHoursStartingFiveMinutesAgo() throws {
        let now = Date()
        let proxy = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(keyBits: 1024), now: now)
        #expect(abs(proxy.certificate.notValidBefore.timeIntervalSince(now) + 300) < 2)
        #expect(abs(proxy.certificate.notValidAfter.timeIntervalSince(now) - 12 * 3600) < 2)
    }

    @Test func lifetimeNeverPassesTheIssuersNotAfter() throws {
        let proxy = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(lifetime: 10 * 365 * 86_400, keyBits: 1024))
        #expect(proxy.certificate.notValidAfter == Fixtures.user.certificate.notValidAfter)
    }

    @Test func chainIsIssuerThenItsChain() throws {
        let second = try ProxyFactory.create(from: Fixtures.proxy, options: ProxyOptions(keyBits: 1024))
        #expect(second.chain == [Fixtures.proxy.certificate, Fixtures.user.certificate])
    }

    @Test func refusesToDelegateFromAPathLengthZeroProxy() throws {
        let last = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(pathLengthConstraint: 0, keyBits: 1024))
        #expect(errorCode { _ = try ProxyFactory.create(from: last, options: ProxyOptions(keyBits: 1024)) } == .proxyPathLengthExceeded)
    }

    @Test func refusesToWidenALimitedProxy() throws {
        let limited = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(policy: .limited, keyBits: 1024))
        #expect(errorCode { _ = try ProxyFactory.create(from: limited, options: ProxyOptions(keyBits: 1024)) } == .limitedProxyDelegation)
        #expect(try ProxyFactory.create(from: limited, options: ProxyOptions(policy: .limited, keyBits: 1024)).certificate.subject != limited.certificate.subject)
    }

    @Test func opensslAcceptsProxyAndProxyOfProxy() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let second = try ProxyFactory.create(from: Fixtures.proxy, options: ProxyOptions(keyBits: 1024))
        let user = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let first = directory.write(Fixtures.proxy.certificatePEM, to: "proxy1.pem")
        let untrusted = directory.write(Fixtures.proxy.certificatePEM + Fixtures.user.certificatePEM, to: "chain.pem")
        let leaf = directory.write(second.certificatePEM, to: "proxy2.pem")
        let one = try ExternalTool.openssl(["verify", "-allow_proxy_certs", "-CApath", trust.path, "-untrusted", user.path, first.path])
        #expect(one.status == 0, "\(one.output)")
        let two = try ExternalTool.openssl(["verify", "-allow_proxy_certs", "-CApath", trust.path, "-untrusted", untrusted.path, leaf.path])
        #expect(two.status == 0, "\(two.output)")
    }

    @Test func opensslRejectsAProxyBeyondItsPathLength() throws {
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let bounded = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(pathLengthConstraint: 0, keyBits: 1024))
        let forged = try TestSigner.proxy(issuer: bounded)
        let chain = directory.write(bounded.certificatePEM + Fixtures.user.certificatePEM, to: "chain.pem")
        let leaf = directory.write(PEM.certificate(forged.certificate), to: "leaf.pem")
        let result = try ExternalTool.openssl(["verify", "-allow_proxy_certs", "-CApath", trust.path, "-untrusted", chain.path, leaf.path])
        #expect(result.status != 0)
        #expect(result.output.contains("path length"))
    }

    @Test func proxyFileHoldsCertKeyThenChainWithMode0600() throws {
        let directory = TestDirectory()
        let file = directory.file("x509up_u1000")
        try ProxyFile.write(Fixtures.proxy, to: file)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOf: file, encoding: .utf8)
        let markers = text.split(separator: "\n").filter { $0.hasPrefix("-----BEGIN") }
        #expect(markers == ["-----BEGIN CERTIFICATE-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN CERTIFICATE-----"])
        let read = try ProxyFile.read(file)
        #expect(read.certificate == Fixtures.proxy.certificate)
        #expect(read.chain == [Fixtures.user.certificate])
        #expect(read.privateKey.derRepresentation == Fixtures.proxy.privateKey.derRepresentation)
    }

    @Test func gridProxyInfoReportsAnRFC3820ImpersonationProxy() throws {
        guard let tool = ExternalTool.require("grid-proxy-info", hint: ExternalTool.globusInstallHint) else { return }
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let file = directory.file("proxy")
        try ProxyFile.write(Fixtures.proxy, to: file)
        let result = try ExternalTool.run(tool, ["-file", file.path], environment: ["X509_CERT_DIR": trust.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("type     : RFC 3820 compliant impersonation proxy"), "\(result.stdout)")
        #expect(result.stdout.contains("identity : \(Fixtures.user.subject)"), "\(result.stdout)")
        #expect(result.stdout.contains("subject  : \(Fixtures.proxy.subject)"), "\(result.stdout)")
        #expect(result.stdout.contains("strength : 2048 bits"), "\(result.stdout)")
    }

    @Test func gridProxyInfoReportsALimitedProxyAsLimited() throws {
        guard let tool = ExternalTool.require("grid-proxy-info", hint: ExternalTool.globusInstallHint) else { return }
        let directory = TestDirectory()
        let trust = try Fixtures.trustDirectory(directory)
        let limited = try ProxyFactory.create(from: Fixtures.user, options: ProxyOptions(policy: .limited, keyBits: 1024))
        let file = directory.file("proxy")
        try ProxyFile.write(limited, to: file)
        let result = try ExternalTool.run(tool, ["-file", file.path, "-type"], environment: ["X509_CERT_DIR": trust.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("RFC 3820 compliant limited proxy"), "\(result.stdout)")
    }
}
