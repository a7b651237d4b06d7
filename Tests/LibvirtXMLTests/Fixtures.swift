import Foundation
@testable import LibvirtXML

/// Specs shared by the tests.
enum Fixtures {
    static let created = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static let owner = OwnerStamp(
        lab: "grid", instance: "7f3c", node: "ce01", role: "node",
        source: "/labs/grid.yaml", created: created)

    static func domain(_ virtType: DomainSpec.VirtType = .qemu) -> DomainSpec {
        DomainSpec(
            name: "grid-ce01", uuid: UUID(uuidString: "0F6B3F3E-2C1A-4E5B-9B7A-1D2C3E4F5A6B"),
            title: "ce01 of lab grid", description: "compute element",
            memoryMiB: 96, vcpus: 2, virtType: virtType, tcgTranslationCacheMiB: 32,
            cpuMode: virtType == .kvm ? .hostPassthrough : nil,
            boot: DirectKernelBoot(
                kernelPath: "/var/lib/vgrid/images/vmlinuz", initrdPath: "/var/lib/vgrid/images/initrd.img",
                commandLine: "console=ttyS0 root=/dev/vda rw", machine: "pc"),
            disks: [
                DiskSpec(source: .volume(pool: "vgrid-grid", volume: "ce01.qcow2"), format: .qcow2, targetDevice: "vda"),
                DiskSpec(source: .file(path: "/var/lib/vgrid/seed/ce01.img"), format: .raw,
                         targetDevice: "vdb", readOnly: true),
            ],
            interfaces: [
                InterfaceSpec(source: .network("grid-net0"), macAddress: "52:54:00:12:34:56"),
                InterfaceSpec(source: .bridge("br-lab")),
            ],
            serialLogPath: "/var/log/vgrid/grid/ce01.log",
            virtioRNG: true, owner: owner)
    }

    static let network = NetworkSpec(
        name: "grid-net0", bridgeName: "vg-grid-0", forward: .isolated,
        ipAddress: "10.77.0.1", prefix: 24,
        owner: OwnerStamp(lab: "grid", instance: "7f3c", role: "network", created: created))
}
