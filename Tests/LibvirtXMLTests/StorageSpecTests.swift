import Testing
@testable import LibvirtXML

@Suite struct StorageSpecTests {
    @Test func dirPoolIsValidAgainstLibvirtSchema() throws {
        let xml = try StoragePoolSpec(name: "vgrid", path: "/var/lib/vgrid/pool").render()
        try expectValid(xml, schema: "storagepool")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/pool/@type") == ["dir"])
        #expect(try query.strings(xpath: "/pool/target/path") == ["/var/lib/vgrid/pool"])
        #expect(try query.strings(xpath: "/pool/target/permissions/mode") == ["0711"])
    }

    @Test func emptyVolumeIsValidAgainstLibvirtSchema() throws {
        let xml = try StorageVolumeSpec(name: "seed.img", capacityBytes: 1 << 20, format: .raw).render()
        try expectValid(xml, schema: "storagevol")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/volume/capacity") == ["1048576"])
        #expect(try query.strings(xpath: "/volume/capacity/@unit") == ["bytes"])
        #expect(try query.strings(xpath: "/volume/allocation") == ["0"])
        #expect(try query.strings(xpath: "/volume/target/format/@type") == ["raw"])
        #expect(try query.strings(xpath: "count(/volume/backingStore)") == ["0"])
    }

    @Test func overlayVolumeNamesItsBackingStore() throws {
        let spec = StorageVolumeSpec(
            name: "ce01.qcow2", capacityBytes: 4 << 30, format: .qcow2,
            backingStore: .init(path: "/var/lib/vgrid/pool/base.qcow2", format: .qcow2))
        let xml = try spec.render()
        try expectValid(xml, schema: "storagevol")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/volume/backingStore/path") == ["/var/lib/vgrid/pool/base.qcow2"])
        #expect(try query.strings(xpath: "/volume/backingStore/format/@type") == ["qcow2"])
        #expect(try query.strings(xpath: "/volume/target/format/@type") == ["qcow2"])
        #expect(try query.strings(xpath: "/volume/capacity") == ["4294967296"])
    }
}
