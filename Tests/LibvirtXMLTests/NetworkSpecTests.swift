import Testing
@testable import LibvirtXML

@Suite struct NetworkSpecTests {
    @Test func isolatedNetworkIsValidAgainstLibvirtSchema() throws {
        try expectValid(try Fixtures.network.render(), schema: "network")
    }

    @Test func natNetworkWithDHCPAndDomainIsValidAgainstLibvirtSchema() throws {
        let spec = NetworkSpec(
            name: "grid-ext", bridgeName: "vg-grid-x", forward: .nat, ipAddress: "10.78.0.1", prefix: 24,
            dhcpRange: .init(start: "10.78.0.100", end: "10.78.0.200"), domainName: "grid.test",
            dnsEnabled: true)
        let xml = try spec.render()
        try expectValid(xml, schema: "network")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/network/forward/@mode") == ["nat"])
        #expect(try query.strings(xpath: "/network/ip/dhcp/range/@start") == ["10.78.0.100"])
        #expect(try query.strings(xpath: "/network/ip/dhcp/range/@end") == ["10.78.0.200"])
        #expect(try query.strings(xpath: "/network/domain/@name") == ["grid.test"])
        #expect(try query.strings(xpath: "/network/dns") == [])
    }

    @Test func rendersExactDocumentForIsolatedNetwork() throws {
        let spec = NetworkSpec(name: "n0", bridgeName: "vg-n0", ipAddress: "10.9.0.1", prefix: 24)
        let expected = """
            <network>
              <name>n0</name>
              <bridge name="vg-n0" stp="on" delay="0"/>
              <dns enable="no"/>
              <ip address="10.9.0.1" prefix="24"/>
            </network>

            """
        #expect(try spec.render() == expected)
    }

    @Test func isolatedNetworkHasNoForwardAndNoDHCPByDefault() throws {
        let query = try XMLQuery(xml: Fixtures.network.render())
        #expect(try query.strings(xpath: "count(/network/forward)") == ["0"])
        #expect(try query.strings(xpath: "count(//dhcp)") == ["0"])
        #expect(try query.strings(xpath: "/network/dns/@enable") == ["no"])
        #expect(try query.strings(xpath: "/network/bridge/@name") == ["vg-grid-0"])
        #expect(try query.strings(xpath: "/network/ip/@address") == ["10.77.0.1"])
        #expect(try query.strings(xpath: "/network/ip/@prefix") == ["24"])
    }

    @Test func networkWithoutAddressIsValid() throws {
        let spec = NetworkSpec(name: "bare", bridgeName: "vg-bare")
        let xml = try spec.render()
        try expectValid(xml, schema: "network")
        #expect(try XMLQuery.strings(xml: xml, xpath: "count(/network/ip)") == ["0"])
    }

    @Test func rendersOwnerStampInMetadata() throws {
        let xml = try Fixtures.network.render()
        #expect(try OwnerStamp.parse(fromNetworkXML: xml) == Fixtures.network.owner)
        #expect(try XMLQuery.strings(xml: xml, xpath: "namespace-uri(/network/metadata/*)")
                == ["https://vgrid.dev/xmlns/owner/1"])
    }

    @Test func escapedNameRoundTripsThroughTheReader() throws {
        var spec = Fixtures.network
        spec.name = #"net <&'"> x"#
        spec.owner?.lab = #"lab <&'">"#
        let xml = try spec.render()
        try expectValid(xml, schema: "network")
        let info = try NetworkInfo.bridgeAndSubnet(fromXML: xml)
        #expect(info.name == spec.name)
        #expect(info.owner?.lab == spec.owner?.lab)
    }
}
