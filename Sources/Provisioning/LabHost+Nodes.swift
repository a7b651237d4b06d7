import Foundation
import LabModel
import Libvirt
import LibvirtXML

/// The seed a domain was last given, stored beside the owner stamp in its metadata so that
/// `up` knows what changed even without local state.
struct SeedStamp: Equatable {
    static let namespaceURI = "https://vgrid.dev/xmlns/seed/1"
    var content: String
    var hosts: String

    var xml: String { "<seed content=\"\(content)\" hosts=\"\(hosts)\"/>" }

    static func read(_ domain: Domain) -> SeedStamp? {
        // The persistent definition: a running domain's live copy is dropped when it stops.
        guard let xml = (try? domain.metadata(namespaceURI: namespaceURI, impact: .config)).flatMap({ $0 }),
              let content = try? XMLQuery.strings(xml: xml, xpath: "/seed/@content").first,
              let hosts = try? XMLQuery.strings(xml: xml, xpath: "/seed/@hosts").first else { return nil }
        return SeedStamp(content: content, hosts: hosts)
    }
}

/// What happened to a node during `up`.
struct NodeOutcome: Sendable {
    var node: NodeLayout
    /// The node was (re)booted and must be waited for.
    var booted: Bool
    /// Only membership files changed: pushed to the running node once it answers.
    var filesToPush: [NodeSeed.File] = []
}

extension LabHost {
    /// Makes one node exist and run as the layout says: seed, disk, domain, power.
    func ensureNode(_ node: NodeLayout, in layout: InstanceLayout, composer: SeedComposer, imageVolumes: ImageVolumes,
                    accelerator: Accelerator, pool: StoragePool?, source: String, dryRun: Bool,
                    actions: inout [PlanAction]) throws -> NodeOutcome {
        let name = node.domainName
        let seed = try composer.seed(for: node, in: layout)
        let wanted = SeedStamp(content: seed.contentHash, hosts: seed.hostsHash)
        let domain = try libvirt(name, "domain lookup", { try connection.lookupDomain(name: name) })
        if let domain, let stamp = (try? domain.metadata(namespaceURI: OwnerStamp.namespaceURI))
            .flatMap({ $0 }).flatMap({ try? OwnerStamp.parse(fromMetadataElement: $0) }), stamp.instance != layout.id {
            throw ProvisioningError(.nameCollision, "\(name): a domain of that name belongs to lab '\(stamp.lab)'",
                                    hint: "rename this lab or remove the other one with: vgrid down \(stamp.lab)", subject: name)
        } else if let domain, (try? domain.metadata(namespaceURI: OwnerStamp.namespaceURI)).flatMap({ $0 }) == nil {
            throw ProvisioningError(.nameCollision, "\(name): a domain of that name exists and was not made by vgrid",
                                    hint: "rename the lab, or remove that domain with virsh undefine", subject: name)
        }
        let current = domain.flatMap(SeedStamp.read)
        let seedChanged = current?.content != wanted.content

        // Seed volume: rebuilt when its content changed (or it is missing).
        let seedName = Naming.seedVolume(layout.id, node.node.name)
        let seedVolume = try pool.flatMap { pool in try libvirt(seedName, "volume lookup", { try pool.lookupVolume(name: seedName) }) }
        if seedVolume == nil || seedChanged || current?.hosts != wanted.hosts {
            if seedVolume == nil { actions.append(.init(.create, "volume", seedName, "seed")) }
            if !dryRun, let pool {
                let tree = state.seedDirectory(layout.id, node: node.node.name)
                let iso = tree + ".iso"
                try SeedImageWriter().writeISO(seed, treeDirectory: tree, isoPath: iso)
                try libvirt(seedName, "uploading the seed") {
                    if let seedVolume { try seedVolume.delete() }
                    let spec = StorageVolumeSpec(name: seedName, capacityBytes: UInt64(LabHost.fileSize(iso)), format: .raw)
                    try pool.createVolume(xml: spec.render()).upload(fileAt: iso)
                }
            }
        }

        // Root disk: a qcow2 overlay on the shared image.
        let overlayName = Naming.overlayVolume(layout.id, node.node.name)
        if try pool.flatMap({ pool in try libvirt(overlayName, "volume lookup", { try pool.lookupVolume(name: overlayName) }) }) == nil {
            // An overlay smaller than its image would cut the root filesystem short.
            let capacity = max(UInt64(node.node.diskMiB) << 20, UInt64(node.image.rootfsVirtualSizeBytes))
            actions.append(.init(.create, "volume", overlayName, "\(capacity >> 20) MiB overlay on \(node.image.name)"))
            if !dryRun, let pool {
                let spec = StorageVolumeSpec(name: overlayName, capacityBytes: capacity, format: .qcow2,
                                             backingStore: .init(path: imageVolumes.rootfsPath, format: .qcow2))
                _ = try libvirt(overlayName, "creating the disk", { try pool.createVolume(xml: spec.render()) })
            }
        }

        guard let domain else {
            actions.append(.init(.create, "node", name, "\(node.node.role.rawValue), \(node.node.memoryMiB) MiB, \(accelerator.rawValue)"))
            if dryRun { return NodeOutcome(node: node, booted: true) }
            let spec = domainSpec(node, in: layout, imageVolumes: imageVolumes, accelerator: accelerator, source: source)
            try libvirt(name, "defining and starting the node") {
                let defined = try connection.defineDomain(xml: spec.render())
                try defined.setMetadata(xml: wanted.xml, key: "vgrid-seed", namespaceURI: SeedStamp.namespaceURI, impact: .config)
                try defined.create()
            }
            reporter.report(name, "started (\(accelerator.rawValue))")
            return NodeOutcome(node: node, booted: true)
        }

        if seedChanged {
            actions.append(.init(.restart, "node", name, "seed changed"))
            if dryRun { return NodeOutcome(node: node, booted: true) }
            try libvirt(name, "restarting the node") {
                try domain.setMetadata(xml: wanted.xml, key: "vgrid-seed", namespaceURI: SeedStamp.namespaceURI, impact: .config)
                if try domain.isActive { try domain.destroy() }
                try domain.create()
            }
            reporter.report(name, "restarted with its new seed")
            return NodeOutcome(node: node, booted: true)
        }
        var outcome = NodeOutcome(node: node, booted: false)
        if try !domain.isActive {
            actions.append(.init(.start, "node", name))
            outcome.booted = true
            if !dryRun { try libvirt(name, "starting the node", { try domain.create() }) }
        }
        if current?.hosts != wanted.hosts {
            actions.append(.init(.update, "node", name, seed.pushedFiles.map(\.path).joined(separator: ", ")))
            outcome.filesToPush = seed.pushedFiles
            if !dryRun {
                try libvirt(name, "recording the seed") {
                    try domain.setMetadata(xml: wanted.xml, key: "vgrid-seed", namespaceURI: SeedStamp.namespaceURI, impact: .config)
                }
            }
        }
        return outcome
    }

    func domainSpec(_ node: NodeLayout, in layout: InstanceLayout, imageVolumes: ImageVolumes,
                    accelerator: Accelerator, source: String) -> DomainSpec {
        var interfaces: [InterfaceSpec] = []
        if let external = layout.externalNetworkName {
            interfaces.append(InterfaceSpec(source: .network(external), macAddress: node.externalMAC, bootROM: false))
        } else if let bridge = layout.instance.external.hostBridge {
            interfaces.append(InterfaceSpec(source: .bridge(bridge), macAddress: node.externalMAC, bootROM: false))
        }
        interfaces.append(InterfaceSpec(source: .network(layout.internalNetworkName), macAddress: node.internalMAC,
                                        bootROM: false))
        let role = node.node.role.rawValue
        return DomainSpec(
            name: node.domainName,
            title: "vgrid lab \(layout.labName): \(node.node.name) (\(role))",
            description: "Created by vgrid from \(source)",
            memoryMiB: node.node.memoryMiB, vcpus: node.node.cpus,
            virtType: accelerator == .kvm ? .kvm : .qemu,
            tcgTranslationCacheMiB: accelerator == .tcg ? LabHost.tcgTranslationCacheMiB : nil,
            cpuMode: accelerator == .kvm ? .hostPassthrough : nil,
            boot: DirectKernelBoot(kernelPath: imageVolumes.kernelPath, initrdPath: imageVolumes.initrdPath,
                                   commandLine: LabHost.kernelCommandLine(node.image.cmdline, accelerator: accelerator)),
            disks: [
                DiskSpec(source: .volume(pool: Naming.poolName, volume: Naming.overlayVolume(layout.id, node.node.name)),
                         format: .qcow2, targetDevice: "vda"),
                DiskSpec(source: .volume(pool: Naming.poolName, volume: Naming.seedVolume(layout.id, node.node.name)),
                         format: .raw, targetDevice: "vdb", readOnly: true),
            ],
            interfaces: interfaces,
            serialLogPath: LabHost.consoleLogPath(node.domainName),
            guestAgentChannel: true, virtioRNG: true, freePageReportingBalloon: true,
            owner: OwnerStamp(lab: layout.labName, instance: layout.id, node: node.node.name, role: role,
                              source: source, created: Date()))
    }

    /// QEMU's TCG translation cache per guest. Its default (a quarter of guest memory, at least
    /// 1 GiB on 64-bit hosts) would dwarf a tiny node. Below 32 MiB a booting node fills it
    /// again and again (kernel, busybox and the Swift daemons): at 16 MiB QEMU flushed it ~40
    /// times per boot and a node needed twice the CPU time to get ready.
    static let tcgTranslationCacheMiB = 32

    /// The image's kernel command line, plus what saves a TCG guest CPU time. KVM runs guest
    /// code natively, so there the image's line stands.
    /// - `norandmaps`: QEMU keys translated code by virtual address, so with address-space
    ///   randomisation every process of the multi-call guest binary (the daemons, each `gwps`)
    ///   and every busybox applet translated the same code again. With one fixed layout they
    ///   share it: a node's daemons start with about a third less CPU.
    /// - `cryptomgr.notests`: the kernel's crypto self-tests took about 0.4 s of each boot
    ///   (`initcall_debug`: crypto_algapi_init, the largest initcall).
    static func kernelCommandLine(_ imageCommandLine: String, accelerator: Accelerator) -> String {
        guard accelerator == .tcg else { return imageCommandLine }
        let present = Set(imageCommandLine.split(separator: " ").map(String.init))
        return ([imageCommandLine] + tcgKernelOptions.filter { !present.contains($0) }).joined(separator: " ")
    }

    static let tcgKernelOptions = ["norandmaps", "cryptomgr.notests"]

    /// virtlogd writes each node's serial console here; `up` shows its tail on a timeout.
    public static func consoleLogPath(_ domainName: String) -> String {
        "/var/log/libvirt/qemu/\(domainName)-console.log"
    }

    /// Hard-stops and removes a node with its volumes.
    func removeNode(domainName: String, domain: Domain?, volumes: [StorageVolume], keepDisks: Bool) throws {
        if let domain {
            try libvirt(domainName, "removing the node") {
                if try domain.isActive { try domain.destroy() }
                try domain.undefine()
            }
        }
        for volume in volumes where !(keepDisks && volume.name.hasSuffix(".qcow2")) {
            try libvirt(volume.name, "deleting the volume", { try volume.delete() })
        }
        try? FileManager.default.removeItem(atPath: LabHost.consoleLogPath(domainName))
    }
}
