import Testing
@testable import LibvirtXML

@Suite struct NetworkInfoTests {
    /// As `virsh net-dumpxml` prints libvirt's stock NAT network.
    let defaultNetwork = """
        <network connections='1'>
          <name>default</name>
          <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>
          <forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>
          <bridge name='virbr0' stp='on' delay='0'/>
          <mac address='52:54:00:0a:cd:21'/>
          <ip address='192.168.122.1' netmask='255.255.255.0'>
            <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
          </ip>
          <ip family='ipv6' address='fd00:1::1' prefix='64'/>
        </network>
        """

    @Test func readsBridgeAndSubnetWrittenWithNetmask() throws {
        let info = try NetworkInfo.bridgeAndSubnet(fromXML: defaultNetwork)
        #expect(info.name == "default")
        #expect(info.bridgeName == "virbr0")
        #expect(info.forwardMode == "nat")
        #expect(info.ipAddress == "192.168.122.1")
        #expect(info.prefixLength == 24)
        #expect(info.addresses == [
            .init(family: "ipv4", address: "192.168.122.1", prefix: 24),
            .init(family: "ipv6", address: "fd00:1::1", prefix: 64),
        ])
        #expect(info.owner == nil)
    }

    @Test func readsRenderedSpec() throws {
        let info = try NetworkInfo.bridgeAndSubnet(fromXML: Fixtures.network.render())
        #expect(info == NetworkInfo(
            name: "grid-net0", bridgeName: "vg-grid-0", forwardMode: nil,
            addresses: [.init(family: "ipv4", address: "10.77.0.1", prefix: 24)],
            owner: Fixtures.network.owner))
    }

    @Test(arguments: [
        ("255.255.255.0", 24), ("255.255.0.0", 16), ("255.255.255.252", 30), ("0.0.0.0", 0),
        ("255.255.255.255", 32), ("255.0.255.0", nil), ("255.255.255", nil), ("256.0.0.0", nil),
    ] as [(String, Int?)])
    func convertsNetmaskToPrefixLength(netmask: String, prefix: Int?) {
        #expect(NetworkInfo.prefixLength(ofNetmask: netmask) == prefix)
    }

    @Test func rejectsDocumentThatIsNotANetwork() {
        #expect(throws: LibvirtXMLError.self) { try NetworkInfo.bridgeAndSubnet(fromXML: "<domain/>") }
    }
}
