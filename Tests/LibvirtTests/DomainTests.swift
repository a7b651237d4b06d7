import Testing
import Libvirt
import LibvirtXML

@Suite struct DomainTests {
    @Test func definesStartsDestroysAndUndefinesRenderedDomain() throws {
        let connection = try testConnection()
        let name = uniqueName("vgrid-dom-")
        let domain = try connection.defineDomain(xml: domainSpec(name: name).render())
        #expect(domain.name == name)
        #expect(try domain.state == .shutoff)
        #expect(try !domain.isActive)
        #expect(try domain.isPersistent)
        #expect(domain.id == nil)
        #expect(try connection.allDomains().contains { $0.name == name })

        try domain.create()
        #expect(try domain.state == .running)
        #expect(try domain.isActive)
        #expect(domain.id != nil)
        let live = try DomainInfo.parse(fromXML: domain.xmlDesc())
        #expect(live.macAddresses == ["52:54:00:aa:bb:cc"])
        #expect(live.serialLogPath == "/nonexistent/\(name).log")
        #expect(live.memoryBytes == 64 << 20)
        #expect(live.disks.map(\.type) == ["volume", "file"])
        #expect(live.disks.first?.volume == "\(name).qcow2")
        #expect(live.diskSourceFiles == ["/nonexistent/\(name).img"])
        #expect(live.uuid == (try domain.uuidString))

        try domain.destroy()
        #expect(try domain.state == .shutoff)
        try domain.undefine()
        #expect(try connection.lookupDomain(name: name) == nil)
    }

    @Test func looksUpDefinedDomainByName() throws {
        let connection = try testConnection()
        let name = uniqueName("vgrid-dom-")
        let defined = try connection.defineDomain(xml: domainSpec(name: name).render())
        defer { try? defined.undefine() }
        let found = try #require(try connection.lookupDomain(name: name))
        #expect(try found.uuidString == defined.uuidString)
        #expect(try found.xmlDesc(inactive: true).contains("<tb-cache unit='KiB'>16384</tb-cache>"))
    }

    @Test func lookupOfMissingDomainReturnsNil() throws {
        #expect(try testConnection().lookupDomain(name: uniqueName("vgrid-missing-")) == nil)
    }

    @Test func shutdownStopsRunningDomain() throws {
        let connection = try testConnection()
        let domain = try connection.defineDomain(xml: domainSpec(name: uniqueName("vgrid-dom-")).render())
        defer { try? domain.undefine() }
        try domain.create()
        try domain.shutdown()
        #expect(try domain.state == .shutoff)
    }

    @Test func undefiningRunningDomainLeavesItTransientUntilDestroyed() throws {
        let connection = try testConnection()
        let name = uniqueName("vgrid-dom-")
        let domain = try connection.defineDomain(xml: domainSpec(name: name).render())
        try domain.create()
        try domain.undefine()
        #expect(try !domain.isPersistent)
        #expect(try connection.lookupDomain(name: name) != nil)
        try domain.destroy()
        #expect(try connection.lookupDomain(name: name) == nil)
    }

    @Test func createsTransientDomain() throws {
        let connection = try testConnection()
        let name = uniqueName("vgrid-probe-")
        let domain = try connection.createDomain(xml: domainSpec(name: name).render())
        #expect(try domain.isActive)
        #expect(try !domain.isPersistent)
        try domain.destroy()
        #expect(try connection.lookupDomain(name: name) == nil)
    }

    @Test func ownerStampRenderedIntoSpecSurvivesDefine() throws {
        let connection = try testConnection()
        let owner = OwnerStamp(lab: "grid", instance: "i1", node: "ce01", role: "ce", source: "lab.yaml")
        let domain = try connection.defineDomain(xml: domainSpec(name: uniqueName("vgrid-dom-"), owner: owner).render())
        defer { try? domain.undefine() }
        #expect(try OwnerStamp.parse(fromDomainXML: domain.xmlDesc()) == owner)
        let element = try #require(try domain.metadata(namespaceURI: OwnerStamp.namespaceURI))
        #expect(try OwnerStamp.parse(fromMetadataElement: element) == owner)
    }

    @Test func metadataSetAndGetRoundTrip() throws {
        let connection = try testConnection()
        let domain = try connection.defineDomain(xml: domainSpec(name: uniqueName("vgrid-dom-")).render())
        defer { try? domain.undefine() }
        let uri = OwnerStamp.namespaceURI
        #expect(try domain.metadata(namespaceURI: uri) == nil)

        let owner = OwnerStamp(lab: #"l<&'">"#, instance: "i2", role: "network")
        try domain.setMetadata(xml: owner.metadataElementXML(), key: OwnerStamp.prefix, namespaceURI: uri)
        let element = try #require(try domain.metadata(namespaceURI: uri))
        #expect(try OwnerStamp.parse(fromMetadataElement: element) == owner)
        #expect(try OwnerStamp.parse(fromDomainXML: domain.xmlDesc(inactive: true)) == owner)

        try domain.setMetadata(xml: nil, key: OwnerStamp.prefix, namespaceURI: uri)
        #expect(try domain.metadata(namespaceURI: uri) == nil)
    }

    @Test func destroyingShutOffDomainThrowsOperationInvalidWithHint() throws {
        let connection = try testConnection()
        let domain = try connection.defineDomain(xml: domainSpec(name: uniqueName("vgrid-dom-")).render())
        defer { try? domain.undefine() }
        #expect {
            try domain.destroy()
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.operationInvalid && error.operation == "virDomainDestroy"
                && error.message == "Requested operation is not valid: domain is not running"
                && error.hint?.contains("wrong state") == true
        }
    }

    @Test func definingInvalidXMLThrowsLibvirtMessageAndOperation() throws {
        let connection = try testConnection()
        #expect {
            try connection.defineDomain(xml: "<domain type='qemu'><memory>65536</memory></domain>")
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.operation == "virDomainDefineXML" && error.message.contains("name")
                && String(describing: error).hasPrefix("virDomainDefineXML failed: ")
        }
        #expect {
            try connection.defineDomain(xml: "<domain type='qemu'><name>x</name")
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return [LibvirtError.Code.xmlError, LibvirtError.Code.xmlDetail].contains(error.code)
                && error.operation == "virDomainDefineXML" && error.message.contains("expected '>'")
                && error.hint?.contains("virt-xml-validate") == true
        }
    }

    @Test func guestAgentCommandIsUnsupportedByTestDriver() throws {
        let connection = try testConnection()
        let domain = try #require(try connection.lookupDomain(name: "test"))
        #expect {
            try domain.qemuAgentCommand(#"{"execute":"guest-ping"}"#, timeoutSeconds: 1)
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.noSupport && error.operation == "virDomainQemuAgentCommand"
                && error.message == "this function is not supported by the connection driver: virDomainQemuAgentCommand"
        }
    }

    @Test func consoleIsUnsupportedByTestDriver() throws {
        let connection = try testConnection()
        let domain = try #require(try connection.lookupDomain(name: "test"))
        let stream = try connection.newStream()
        #expect {
            try domain.openConsole(stream: stream)
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.noSupport && error.operation == "virDomainOpenConsole"
        }
    }
}
