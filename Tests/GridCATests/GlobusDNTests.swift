import GridCA
import Testing
import X509

@Suite struct GlobusDNTests {
    @Test func parsesAttributesInWrittenOrder() throws {
        let name = try DistinguishedName(globusOneLine: "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA")
        #expect(name.map { "\($0)" } == ["O=Grid", "OU=GlobusTest", "OU=simpleCA-intro", "CN=Globus Simple CA"])
    }

    @Test func formatsBackToTheSameOneLine() throws {
        for text in [
            "/O=Grid/OU=GlobusTest/OU=simpleCA-intro/CN=Globus Simple CA",
            "/C=ES/O=Grid/OU=local/CN=Ada Lovelace",
            "/DC=org/DC=example/CN=user one/emailAddress=a@example.org",
        ] {
            #expect(try DistinguishedName(globusOneLine: text).globusOneLine == text)
        }
    }

    @Test func keepsSlashesInsideHostValues() throws {
        let name = try DistinguishedName(globusOneLine: "/O=Grid/CN=host/node1.intro.lab")
        #expect(Array(name).count == 2)
        #expect(name.globusOneLine == "/O=Grid/CN=host/node1.intro.lab")
    }

    @Test func acceptsEscapedSlash() throws {
        let name = try DistinguishedName(globusOneLine: "/O=Grid/CN=a\\/b")
        #expect(name.globusOneLine == "/O=Grid/CN=a/b")
    }

    @Test func rejectsTextThatIsNoOneLineDN() {
        for text in ["O=Grid/CN=x", "/", "/nokey", "/CN=", "/XX=1"] {
            #expect(throwsCode(.invalidDistinguishedName) { _ = try DistinguishedName(globusOneLine: text) }, "\(text)")
        }
    }

    @Test func appendingCommonNameAddsOneRDN() throws {
        let name = try DistinguishedName(globusOneLine: "/O=Grid/CN=Ada")
        #expect(name.appending(commonName: "12345").globusOneLine == "/O=Grid/CN=Ada/CN=12345")
    }
}
