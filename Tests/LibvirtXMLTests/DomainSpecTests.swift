import Foundation
import Testing
@testable import LibvirtXML

@Suite struct DomainSpecTests {
    @Test(arguments: DomainSpec.VirtType.allCases)
    func renderedDomainIsValidAgainstLibvirtSchema(virtType: DomainSpec.VirtType) throws {
        try expectValid(try Fixtures.domain(virtType).render(), schema: "domain")
    }

    @Test func minimalDomainIsValidAgainstLibvirtSchema() throws {
        let spec = DomainSpec(
            name: "tiny", memoryMiB: 64, virtType: .qemu,
            boot: DirectKernelBoot(kernelPath: "/k"), guestAgentChannel: false)
        try expectValid(try spec.render(), schema: "domain")
    }

    @Test func rendersExactDocumentForMinimalDomain() throws {
        let spec = DomainSpec(
            name: "tiny", memoryMiB: 64, virtType: .qemu, tcgTranslationCacheMiB: 16,
            boot: DirectKernelBoot(kernelPath: "/k", initrdPath: "/i", commandLine: "console=ttyS0"),
            serialLogPath: "/tmp/tiny.log")
        let expected = """
            <domain type="qemu">
              <name>tiny</name>
              <memory unit="MiB">64</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch="x86_64">hvm</type>
                <kernel>/k</kernel>
                <initrd>/i</initrd>
                <cmdline>console=ttyS0</cmdline>
              </os>
              <features>
                <acpi/>
                <tcg>
                  <tb-cache unit="MiB">16</tb-cache>
                </tcg>
              </features>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <serial type="pty">
                  <log file="/tmp/tiny.log" append="on"/>
                  <target port="0"/>
                </serial>
                <console type="pty">
                  <target type="serial" port="0"/>
                </console>
                <channel type="unix">
                  <target type="virtio" name="org.qemu.guest_agent.0"/>
                </channel>
                <memballoon model="none"/>
              </devices>
            </domain>

            """
        #expect(try spec.render() == expected)
    }

    @Test func translationCacheIsRenderedOnlyForQEMU() throws {
        let path = "/domain/features/tcg/tb-cache"
        let qemu = try XMLQuery(xml: Fixtures.domain(.qemu).render())
        #expect(try qemu.strings(xpath: path) == ["32"])
        #expect(try qemu.strings(xpath: "\(path)/@unit") == ["MiB"])
        let kvm = try XMLQuery(xml: Fixtures.domain(.kvm).render())
        #expect(try kvm.strings(xpath: "/domain/features/tcg") == [])
        #expect(try kvm.strings(xpath: "/domain/@type") == ["kvm"])
        #expect(try kvm.strings(xpath: "/domain/cpu/@mode") == ["host-passthrough"])
    }

    @Test func omitsTranslationCacheWhenUnset() throws {
        var spec = Fixtures.domain(.qemu)
        spec.tcgTranslationCacheMiB = nil
        #expect(try XMLQuery.strings(xml: spec.render(), xpath: "/domain/features/tcg") == [])
    }

    @Test func rendersDirectKernelBootOnHVM() throws {
        let query = try XMLQuery(xml: Fixtures.domain().render())
        #expect(try query.strings(xpath: "/domain/os/type") == ["hvm"])
        #expect(try query.strings(xpath: "/domain/os/type/@machine") == ["pc"])
        #expect(try query.strings(xpath: "/domain/os/kernel") == ["/var/lib/vgrid/images/vmlinuz"])
        #expect(try query.strings(xpath: "/domain/os/initrd") == ["/var/lib/vgrid/images/initrd.img"])
        #expect(try query.strings(xpath: "/domain/os/cmdline") == ["console=ttyS0 root=/dev/vda rw"])
        #expect(try query.strings(xpath: "/domain/memory") == ["96"])
        #expect(try query.strings(xpath: "/domain/memory/@unit") == ["MiB"])
        #expect(try query.strings(xpath: "/domain/vcpu") == ["2"])
        #expect(try query.strings(xpath: "/domain/uuid") == ["0f6b3f3e-2c1a-4e5b-9b7a-1d2c3e4f5a6b"])
    }

    @Test func rendersVolumeAndFileDisks() throws {
        let query = try XMLQuery(xml: Fixtures.domain().render())
        #expect(try query.strings(xpath: "/domain/devices/disk/@type") == ["volume", "file"])
        #expect(try query.strings(xpath: "/domain/devices/disk[1]/source/@pool") == ["vgrid-grid"])
        #expect(try query.strings(xpath: "/domain/devices/disk[1]/source/@volume") == ["ce01.qcow2"])
        #expect(try query.strings(xpath: "/domain/devices/disk/driver/@type") == ["qcow2", "raw"])
        #expect(try query.strings(xpath: "/domain/devices/disk/target/@dev") == ["vda", "vdb"])
        #expect(try query.strings(xpath: "/domain/devices/disk/target/@bus") == ["virtio", "virtio"])
        #expect(try query.strings(xpath: "count(/domain/devices/disk[2]/readonly)") == ["1"])
        #expect(try query.strings(xpath: "count(/domain/devices/disk[1]/readonly)") == ["0"])
    }

    @Test func rendersNetworkAndBridgeInterfaces() throws {
        let query = try XMLQuery(xml: Fixtures.domain().render())
        #expect(try query.strings(xpath: "/domain/devices/interface/@type") == ["network", "bridge"])
        #expect(try query.strings(xpath: "/domain/devices/interface/source/@network") == ["grid-net0"])
        #expect(try query.strings(xpath: "/domain/devices/interface/source/@bridge") == ["br-lab"])
        #expect(try query.strings(xpath: "/domain/devices/interface/mac/@address") == ["52:54:00:12:34:56"])
        #expect(try query.strings(xpath: "/domain/devices/interface/model/@type") == ["virtio", "virtio"])
    }

    @Test func interfaceWithoutBootROMSaysSoAndStaysValid() throws {
        var spec = Fixtures.domain()
        spec.interfaces[0].bootROM = false
        let xml = try spec.render()
        try expectValid(xml, schema: "domain")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/domain/devices/interface[1]/rom/@enabled") == ["no"])
        #expect(try query.strings(xpath: "count(/domain/devices/interface[2]/rom)") == ["0"])
    }

    @Test func rendersConsoleAgentChannelAndNoGraphics() throws {
        let query = try XMLQuery(xml: Fixtures.domain().render())
        #expect(try query.strings(xpath: "/domain/devices/serial/@type") == ["pty"])
        #expect(try query.strings(xpath: "/domain/devices/serial/log/@file") == ["/var/log/vgrid/grid/ce01.log"])
        #expect(try query.strings(xpath: "/domain/devices/serial/log/@append") == ["on"])
        #expect(try query.strings(xpath: "/domain/devices/console/target/@type") == ["serial"])
        #expect(try query.strings(xpath: "/domain/devices/channel[@type='unix']/target/@name")
                == ["org.qemu.guest_agent.0"])
        #expect(try query.strings(xpath: "/domain/devices/memballoon/@model") == ["none"])
        #expect(try query.strings(xpath: "/domain/devices/rng/backend") == ["/dev/urandom"])
        #expect(try query.strings(xpath: "count(/domain/devices/graphics)") == ["0"])
        #expect(try query.strings(xpath: "/domain/on_poweroff") == ["destroy"])
        #expect(try query.strings(xpath: "/domain/on_crash") == ["destroy"])
    }

    @Test func freePageReportingBalloonIsValidAndReplacesTheNullBalloon() throws {
        var spec = Fixtures.domain()
        spec.freePageReportingBalloon = true
        let xml = try spec.render()
        try expectValid(xml, schema: "domain")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/domain/devices/memballoon/@model") == ["virtio"])
        #expect(try query.strings(xpath: "/domain/devices/memballoon/@freePageReporting") == ["on"])
    }

    @Test func rendersOwnerStampInVGridNamespace() throws {
        let query = try XMLQuery(xml: Fixtures.domain().render())
        let ns = ["v": "https://vgrid.dev/xmlns/owner/1"]
        #expect(try query.strings(xpath: "/domain/metadata/v:owner/@lab", namespaces: ns) == ["grid"])
        #expect(try query.strings(xpath: "/domain/metadata/v:owner/@node", namespaces: ns) == ["ce01"])
        #expect(try query.strings(xpath: "/domain/metadata/v:owner/@created", namespaces: ns)
                == ["2026-01-01T00:00:00Z"])
        // Not in the null namespace: the stamp cannot collide with another tool's <owner>.
        #expect(try query.strings(xpath: "/domain/metadata/owner") == [])
        #expect(try query.strings(xpath: "name(/domain/metadata/*)") == ["vgrid:owner"])
    }

    @Test func escapesMarkupCharactersAndRoundTrips() throws {
        var spec = Fixtures.domain()
        spec.title = #"a <b> & 'c' "d""#
        spec.description = "line1\n<script>&amp;</script> ]]> 'q' \"dq\" ünï"
        spec.boot.commandLine = #"console=ttyS0 x="1 & 2" y='<>'"#
        spec.serialLogPath = "/tmp/log's & <dir>/\"ce01\".log"
        spec.owner?.source = #"/labs/<weird> & "quoted" 'lab'.yaml"#
        let xml = try spec.render()
        try expectValid(xml, schema: "domain")
        let query = try XMLQuery(xml: xml)
        #expect(try query.strings(xpath: "/domain/title") == [spec.title!])
        #expect(try query.strings(xpath: "/domain/description") == [spec.description!])
        #expect(try query.strings(xpath: "/domain/os/cmdline") == [spec.boot.commandLine!])
        let info = try DomainInfo.parse(fromXML: xml)
        #expect(info.serialLogPath == spec.serialLogPath)
        #expect(info.owner == spec.owner)
    }

    @Test func rejectsControlCharactersWithTheField() throws {
        var spec = Fixtures.domain()
        spec.description = "bell\u{07}"
        #expect {
            try spec.render()
        } throws: { error in
            let error = try #require(error as? LibvirtXMLError)
            return error.kind == .unrepresentableCharacter && error.location == "description"
                && error.message.contains("U+7")
        }
    }
}
