import Foundation
import Testing
@testable import LibvirtXML

@Suite struct OwnerStampTests {
    @Test func roundTripsThroughDomainXML() throws {
        let xml = try Fixtures.domain().render()
        #expect(try OwnerStamp.parse(fromDomainXML: xml) == Fixtures.owner)
    }

    @Test func roundTripsThroughLibvirtMetadataElement() throws {
        let element = try Fixtures.owner.metadataElementXML()
        #expect(!element.contains("xmlns"))
        #expect(try OwnerStamp.parse(fromMetadataElement: element) == Fixtures.owner)
    }

    @Test func isNilWhenAbsent() throws {
        var spec = Fixtures.domain()
        spec.owner = nil
        #expect(try OwnerStamp.parse(fromDomainXML: spec.render()) == nil)
        #expect(try OwnerStamp.parse(fromNetworkXML: "<network><name>default</name></network>") == nil)
    }

    @Test func ignoresOwnerElementsInOtherNamespaces() throws {
        let xml = """
            <domain type='kvm'><name>x</name><metadata>
              <other:owner xmlns:other="urn:someone-else" lab="theirs" instance="1" role="r"/>
            </metadata></domain>
            """
        #expect(try OwnerStamp.parse(fromDomainXML: xml) == nil)
    }

    @Test func keepsOptionalFieldsOptional() throws {
        let stamp = OwnerStamp(lab: "l", instance: "i")
        let parsed = try OwnerStamp.parse(fromMetadataElement: stamp.metadataElementXML())
        #expect(parsed == stamp)
        #expect(parsed?.node == nil && parsed?.role == nil && parsed?.created == nil)
    }

    @Test func truncatesCreatedToWholeSeconds() {
        let stamp = OwnerStamp(lab: "l", instance: "i", created: Date(timeIntervalSince1970: 10.75))
        #expect(stamp.created == Date(timeIntervalSince1970: 10))
    }

    @Test func rejectsStampWithoutInstance() throws {
        #expect {
            try OwnerStamp.parse(fromMetadataElement: #"<owner lab="l"/>"#)
        } throws: { error in
            let error = try #require(error as? LibvirtXMLError)
            return error.kind == .invalidContent && error.message.contains("instance")
        }
    }

    @Test func rejectsUnparsableCreatedDate() throws {
        #expect(throws: LibvirtXMLError.self) {
            try OwnerStamp.parse(fromMetadataElement: #"<owner lab="l" instance="i" created="yesterday"/>"#)
        }
    }
}
