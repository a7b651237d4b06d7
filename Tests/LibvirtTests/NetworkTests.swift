import Testing
import Libvirt
import LibvirtXML

/// Networks on the test driver live only in memory: no bridge is created on the host.
@Suite struct NetworkTests {
    func spec(_ name: String) -> NetworkSpec {
        NetworkSpec(
            name: name, bridgeName: String(name.suffix(15)), forward: .isolated,
            ipAddress: "10.199.3.1", prefix: 24,
            owner: OwnerStamp(lab: "grid", instance: "i1", role: "network"))
    }

    @Test func definesStartsDestroysAndUndefinesRenderedNetwork() throws {
        let connection = try testConnection()
        let name = uniqueName("vgt")
        let network = try connection.defineNetwork(xml: spec(name).render())
        #expect(network.name == name)
        #expect(try !network.isActive)
        #expect(try network.isPersistent)
        #expect(try network.uuidString.count == 36)

        try network.create()
        #expect(try network.isActive)
        #expect(try network.bridgeName == name)
        let info = try NetworkInfo.bridgeAndSubnet(fromXML: network.xmlDesc())
        #expect(info.bridgeName == name)
        #expect(info.ipAddress == "10.199.3.1")
        #expect(info.prefixLength == 24)
        #expect(info.forwardMode == nil)
        #expect(info.owner == OwnerStamp(lab: "grid", instance: "i1", role: "network"))

        try network.setAutostart(true)
        #expect(try network.autostart)

        try network.destroy()
        #expect(try !network.isActive)
        try network.undefine()
        #expect(try connection.lookupNetwork(name: name) == nil)
    }

    @Test func transientNetworkDisappearsWhenDestroyed() throws {
        let connection = try testConnection()
        let name = uniqueName("vgt")
        let network = try connection.createNetwork(xml: spec(name).render())
        #expect(try network.isActive)
        #expect(try !network.isPersistent)
        #expect(try connection.lookupNetwork(name: name) != nil)
        try network.destroy()
        #expect(try connection.lookupNetwork(name: name) == nil)
    }

    @Test func ownerStampIsReadFromNetworkXML() throws {
        // libvirt 9.0 has no virNetworkGetMetadata: the stamp comes from the XML.
        let connection = try testConnection()
        let network = try connection.defineNetwork(xml: spec(uniqueName("vgt")).render())
        defer { try? network.undefine() }
        #expect(try OwnerStamp.parse(fromNetworkXML: network.xmlDesc())?.lab == "grid")
    }

    @Test func lookupOfMissingNetworkReturnsNil() throws {
        #expect(try testConnection().lookupNetwork(name: uniqueName("vgrid-missing-")) == nil)
    }
}
