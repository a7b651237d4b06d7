import Testing
@testable import LibvirtXML

@Suite struct DomainInfoTests {
    /// Trimmed from `virsh dumpxml` of a running domain (libvirt fills in MACs, KiB, live bridges).
    let liveXML = """
        <domain type='qemu' id='2'>
          <name>grid-ce01</name>
          <uuid>c3d6c1de-f643-474e-a1d4-f2e214aa4b42</uuid>
          <metadata>
            <vgrid:owner xmlns:vgrid="https://vgrid.dev/xmlns/owner/1" lab="grid" instance="7f3c" node="ce01" role="node"/>
          </metadata>
          <memory unit='KiB'>98304</memory>
          <vcpu placement='static'>2</vcpu>
          <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type><kernel>/k</kernel><initrd>/i</initrd></os>
          <devices>
            <disk type='volume' device='disk'>
              <source pool='vgrid' volume='ce01.qcow2'/><target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <source file='/var/lib/vgrid/pool/seed.img'/><target dev='vdb' bus='virtio'/>
            </disk>
            <interface type='network'>
              <mac address='52:54:00:03:d8:28'/>
              <source network='grid-net0' bridge='vg-grid-0'/>
              <model type='virtio'/>
            </interface>
            <interface type='bridge'>
              <mac address='52:54:00:03:d8:29'/>
              <source bridge='br0'/>
            </interface>
            <serial type='pty'><log file='/tmp/ce01.log' append='on'/><target port='0'/></serial>
          </devices>
        </domain>
        """

    @Test func readsWhatProvisioningNeeds() throws {
        let info = try DomainInfo.parse(fromXML: liveXML)
        #expect(info.name == "grid-ce01")
        #expect(info.uuid == "c3d6c1de-f643-474e-a1d4-f2e214aa4b42")
        #expect(info.virtType == "qemu")
        #expect(info.memoryBytes == 96 << 20)
        #expect(info.memoryKiB == 98304)
        #expect(info.vcpus == 2)
        #expect(info.kernelPath == "/k")
        #expect(info.initrdPath == "/i")
        #expect(info.macAddresses == ["52:54:00:03:d8:28", "52:54:00:03:d8:29"])
        #expect(info.interfaces[0] == .init(type: "network", macAddress: "52:54:00:03:d8:28",
                                            network: "grid-net0", bridge: "vg-grid-0"))
        #expect(info.interfaces[1].bridge == "br0")
        #expect(info.diskSourceFiles == ["/var/lib/vgrid/pool/seed.img"])
        #expect(info.disks[0] == .init(type: "volume", targetDevice: "vda", pool: "vgrid", volume: "ce01.qcow2"))
        #expect(info.serialLogPath == "/tmp/ce01.log")
        #expect(info.owner == OwnerStamp(lab: "grid", instance: "7f3c", node: "ce01", role: "node"))
    }

    @Test func readsRenderedSpec() throws {
        let info = try DomainInfo.parse(fromXML: Fixtures.domain().render())
        #expect(info.memoryBytes == 96 << 20)
        #expect(info.macAddresses == ["52:54:00:12:34:56"])
        #expect(info.diskSourceFiles == ["/var/lib/vgrid/seed/ce01.img"])
        #expect(info.serialLogPath == "/var/log/vgrid/grid/ce01.log")
        #expect(info.owner == Fixtures.owner)
    }

    @Test func readsDomainWithoutDevices() throws {
        let info = try DomainInfo.parse(fromXML: "<domain type='test'><name>bare</name></domain>")
        #expect(info.interfaces.isEmpty && info.disks.isEmpty)
        #expect(info.memoryBytes == nil && info.serialLogPath == nil && info.owner == nil)
    }

    @Test(arguments: [
        ("KiB", 1024), ("k", 1024), ("K", 1024), ("MiB", 1 << 20), ("M", 1 << 20), ("MB", 1_000_000),
        ("GiB", 1 << 30), ("b", 1), ("bytes", 1), ("KB", 1000), ("furlong", nil),
    ] as [(String, UInt64?)])
    func scalesLibvirtUnits(unit: String, bytes: UInt64?) {
        #expect(DomainInfo.scale(ofUnit: unit) == bytes)
    }
}
