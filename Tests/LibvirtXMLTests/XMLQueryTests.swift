import Foundation
import Testing
@testable import LibvirtXML

@Suite struct XMLQueryTests {
    let xml = """
        <root xmlns:a="urn:a" xmlns:b="urn:b">
          <a:item n="1">one</a:item>
          <b:item n="2">two</b:item>
          <item n="3">three &amp; more</item>
        </root>
        """

    @Test func selectsElementTextAndAttributeValuesInDocumentOrder() throws {
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "//@n") == ["1", "2", "3"])
        #expect(try query.strings(xpath: "/root/item") == ["three & more"])
    }

    @Test func resolvesPrefixesThroughRegisteredNamespaces() throws {
        let query = try XMLQuery(xml: xml)
        // The document's own prefixes do not matter; the query's registrations do.
        #expect(try query.strings(xpath: "/root/x:item", namespaces: ["x": "urn:b"]) == ["two"])
        #expect(try query.strings(xpath: "/root/x:item | /root/y:item", namespaces: ["x": "urn:a", "y": "urn:b"])
                == ["one", "two"])
    }

    @Test func returnsScalarResultsAsOneString() throws {
        #expect(try XMLQuery.strings(xml: xml, xpath: "count(//@n)") == ["3"])
        #expect(try XMLQuery.strings(xml: xml, xpath: "string(/root/item/@n)") == ["3"])
        #expect(try XMLQuery.strings(xml: xml, xpath: "boolean(/root/missing)") == ["false"])
    }

    @Test func returnsNothingForUnmatchedPath() throws {
        #expect(try XMLQuery.strings(xml: xml, xpath: "/root/missing") == [])
        #expect(try XMLQuery(xml: xml).string(xpath: "/root/missing/@x") == nil)
    }

    @Test func rejectsMalformedXMLWithLibxml2Message() throws {
        #expect {
            try XMLQuery(xml: "<domain><name>x</domain>")
        } throws: { error in
            let error = try #require(error as? LibvirtXMLError)
            return error.kind == .malformedXML && error.message.contains("domain") && error.location == "line 1"
        }
    }

    @Test func rejectsInvalidXPath() throws {
        let query = try XMLQuery(xml: xml)
        #expect(throws: LibvirtXMLError.self) { try query.strings(xpath: "/root/[") }
        #expect {
            try query.strings(xpath: "/root/nope:item")
        } throws: { error in
            (error as? LibvirtXMLError)?.kind == .invalidXPath
        }
    }

    @Test func doesNotExpandExternalEntities() throws {
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <d>&x;</d>
            """
        #expect(try XMLQuery.strings(xml: hostile, xpath: "/d") == [""])
    }
}

@Suite struct ConcurrencyTests {
    @Test func rendersAndParsesOnManyThreadsAtOnce() throws {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            var spec = Fixtures.domain(index.isMultiple(of: 2) ? .qemu : .kvm)
            spec.name = "node-\(index)"
            guard let xml = try? spec.render(), let info = try? DomainInfo.parse(fromXML: xml),
                  info.name == spec.name, info.owner == Fixtures.owner else {
                failures.increment()
                return
            }
        }
        #expect(failures.value == 0)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
