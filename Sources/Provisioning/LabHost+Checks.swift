import Foundation
import LabModel

extension LabHost {
    /// Every node needs at least its image's minimum memory; the error points at the
    /// line of the lab file that set the node's memory.
    func checkMemory(_ lab: Lab, images: [String: GuestImage]) throws {
        let diagnostics = LabChecks.memory(lab: lab, imageMinimumMiB: { images[$0]?.minMemoryMiB })
        if !diagnostics.isEmpty { throw LabFileError(diagnostics: diagnostics) }
    }

    /// Refuses, with the numbers, a lab whose new nodes need more memory or disk than the
    /// host has free. Nodes that already exist are not counted again.
    func checkCapacity(_ layouts: [InstanceLayout], inventory: [String: InstanceInventory]) throws {
        let newNodes = layouts.flatMap { layout in
            layout.nodes.filter { inventory[layout.id]?.domains[$0.node.name] == nil }
        }
        guard !newNodes.isEmpty else { return }
        let neededMiB = newNodes.reduce(0) { $0 + $1.node.memoryMiB }
        // QEMU itself needs memory beyond the guest's: about 90 MiB a TCG node, measured.
        let overheadMiB = newNodes.count * 90
        let freeMiB = Int(try libvirt("host", "reading free memory", { try connection.freeMemoryBytes }) >> 20)
        if neededMiB + overheadMiB > freeMiB {
            throw ProvisioningError(
                .insufficientMemory,
                "the lab needs \(neededMiB) MiB for \(newNodes.count) new node(s) plus about \(overheadMiB) MiB for QEMU, but the host has \(freeMiB) MiB free",
                hint: "lower `memory:` or the number of workernodes/students, or stop other labs (vgrid down LAB)")
        }
        let diskMiB = newNodes.reduce(0) { $0 + $1.node.diskMiB }
        let directory = FileManager.default.fileExists(atPath: poolPath) ? poolPath : state.root
        if let attributes = try? FileManager.default.attributesOfFileSystem(forPath: existingAncestor(directory)),
           let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value {
            let freeDiskMiB = Int(free >> 20)
            if diskMiB > freeDiskMiB {
                throw ProvisioningError(
                    .insufficientDisk,
                    "the lab's new nodes may grow to \(diskMiB) MiB of disk, but \(directory) has \(freeDiskMiB) MiB free",
                    hint: "lower `disk:` in the lab file or free space under \(state.root)")
            }
        }
    }

    private func existingAncestor(_ path: String) -> String {
        var current = path
        while !FileManager.default.fileExists(atPath: current), current != "/" {
            current = (current as NSString).deletingLastPathComponent
        }
        return current
    }
}
