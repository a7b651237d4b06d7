import Testing
import Libvirt

@Suite struct LibvirtConnectionTests {
    @Test func connectsToTestDriverWithoutDaemon() throws {
        let connection = try testConnection()
        #expect(connection.uri == "test:///default")
        #expect(try !connection.hostname.isEmpty)
        let node = try connection.nodeInfo
        #expect(node.cpus > 0)
        #expect(node.memoryBytes > 0)
        #expect(try connection.freeMemoryBytes > 0)
        #expect(try connection.capabilities().contains("<capabilities>"))
    }

    @Test func listsTheDefaultTestDomain() throws {
        let connection = try testConnection()
        let test = try #require(try connection.allDomains().first { $0.name == "test" })
        #expect(try test.state == .running)
        #expect(try test.isActive)
        #expect(test.id != nil)
        #expect(try test.uuidString.count == 36)
    }

    @Test func listsTheDefaultTestNetworkAndPool() throws {
        let connection = try testConnection()
        #expect(try connection.allNetworks().contains { $0.name == "default" })
        #expect(try connection.allStoragePools().contains { $0.name == "default-pool" })
    }

    @Test func domainCapabilitiesFailsWithNoSupportOnTestDriver() throws {
        let connection = try testConnection()
        #expect {
            try connection.domainCapabilities(virtType: "kvm")
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.noSupport
                && error.operation == "virConnectGetDomainCapabilities"
        }
    }

    @Test func readOnlyConnectionRefusesChangesWithHint() throws {
        let connection = try LibvirtConnection(uri: "test:///default", readOnly: true)
        #expect(try connection.allDomains().contains { $0.name == "test" })
        #expect {
            try connection.defineDomain(xml: domainSpec(name: uniqueName("vgrid-ro-")).render())
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.operationDenied && error.operation == "virDomainDefineXML"
                && error.hint?.contains("read-only") == true
        }
    }

    @Test func newStreamCanBeAbortedTwice() throws {
        let stream = try testConnection().newStream()
        stream.abort()
        stream.abort()
    }
}
