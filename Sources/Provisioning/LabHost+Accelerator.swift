import Foundation
import Libvirt
import LibvirtXML

extension LabHost {
    /// KVM when a guest really runs with it here, else TCG. The answer is kept for the
    /// rest of the host's boot; `VGRID_ACCEL=kvm|tcg` forces one.
    func chooseAccelerator(image: GuestImage, volumes: ImageVolumes, dryRun: Bool) throws -> (Accelerator, String) {
        if let forced = ProcessInfo.processInfo.environment["VGRID_ACCEL"].flatMap(Accelerator.init(rawValue:)) {
            return (forced, "forced by VGRID_ACCEL")
        }
        let cache = AcceleratorCache(path: "\(state.root)/accelerator.json")
        if let entry = cache.load() { return (entry.accelerator, entry.reason) }
        guard FileManager.default.fileExists(atPath: "/dev/kvm") else { return (.tcg, "no /dev/kvm on this host") }
        guard (try? connection.domainCapabilities(virtType: "kvm")) != nil else {
            return (.tcg, "libvirt reports no KVM support")
        }
        if dryRun { return (.kvm, "to be checked by starting a probe guest") }
        let verdict = probeKVM(image: image, volumes: volumes)
        cache.save(verdict.0, reason: verdict.1)
        return verdict
    }

    /// Boots the image's kernel under KVM for a few seconds and reads its console: a kernel
    /// that prints its banner runs; a guest that dies or stays silent does not.
    func probeKVM(image: GuestImage, volumes: ImageVolumes) -> (Accelerator, String) {
        let name = "vgrid-kvm-probe"
        let log = LabHost.consoleLogPath(name)
        try? FileManager.default.removeItem(atPath: log)
        if let stale = try? connection.lookupDomain(name: name) { try? stale.destroy(); try? stale.undefine() }
        let spec = DomainSpec(
            name: name, memoryMiB: max(image.minMemoryMiB, 64), vcpus: 1, virtType: .kvm, cpuMode: .hostPassthrough,
            boot: DirectKernelBoot(kernelPath: volumes.kernelPath, initrdPath: volumes.initrdPath,
                                   commandLine: "console=ttyS0 panic=-1 vgrid.probe=1"),
            serialLogPath: log, guestAgentChannel: false)
        let domain: Domain
        do {
            domain = try connection.createDomain(xml: try spec.render(), autoDestroy: true)
        } catch {
            // QEMU's own words are the useful part ("failed to set MSR 0x10a" under nesting).
            let text = String(describing: error)
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
            let reason = firstLine.range(of: "error: ", options: .backwards).map { String(firstLine[$0.upperBound...]) } ?? firstLine
            return (.tcg, "a KVM guest failed to start: \(reason.trimmingCharacters(in: .whitespacesAndNewlines).prefix(120))")
        }
        defer { try? domain.destroy() }
        let deadline = Date().addingTimeInterval(8)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("Linux version") {
                return (.kvm, "a KVM guest booted on this host")
            }
            if (try? domain.isActive) != true { return (.tcg, "KVM guest stopped at once (nested KVM unusable)") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return (.tcg, "KVM guest printed nothing in 8 s (nested KVM unusable)")
    }
}
