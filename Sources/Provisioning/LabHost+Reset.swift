import Foundation
import Libvirt
import LibvirtXML

/// What `reset` did.
public struct ResetSummary: Sendable, Codable {
    public var lab: String
    /// Domains that got a fresh disk and were booted again.
    public var nodes: [String]
    /// From the first node stopped until every reset node answered.
    public var seconds: Double
}

extension LabHost {
    /// Brings nodes back to their just-provisioned state: each gets a fresh overlay on the same
    /// base image and boots from the seed it already has, so its certificates, accounts and
    /// configuration are what `up` gave it and the student's changes are gone. Other nodes,
    /// other students' copies and the lab CA are not touched.
    ///
    /// - Parameters:
    ///   - nodes: node names (`head`, `worker1`) or domain names; empty means every node of
    ///     the selected copies.
    ///   - labName: the lab's name, or a student's copy of a course by its instance name.
    ///   - student: one student's copy of a course; nil for every copy.
    public func reset(labName: String, nodes: [String] = [], student: String? = nil) throws -> ResetSummary {
        let started = Date()
        let targets = try resetTargets(labName: labName, nodes: nodes, student: student)
        guard let pool = try libvirt("host", "looking up the pool", { try connection.lookupStoragePool(name: Naming.poolName) }) else {
            throw ProvisioningError(.labNotFound, "vgrid's storage pool '\(Naming.poolName)' does not exist on \(uri)",
                                    hint: "bring the lab up first: vgrid up LAB.yaml")
        }
        let results = boundedParallelMap(targets, limit: maxParallelNodes) { [self] target in
            try freshDisk(target, pool: pool)
        }
        for result in results { try result.get() }
        try waitUntilReady(targets.map(\.domainName))
        return ResetSummary(lab: labName, nodes: targets.map(\.domainName).sorted(), seconds: Date().timeIntervalSince(started))
    }

    struct ResetTarget: @unchecked Sendable {
        var instance: String
        var node: String
        var domain: Domain
        var domainName: String
        var overlay: StorageVolume?
    }

    func resetTargets(labName: String, nodes: [String], student: String?) throws -> [ResetTarget] {
        let everything = try inventory().values.filter { !$0.domains.isEmpty }
        // A lab by its name, or one student's copy by its instance name (`course-s2`, as `status` shows it).
        var owned = everything.filter { $0.lab == labName }
        if owned.isEmpty { owned = everything.filter { $0.instance == labName } }
        guard !owned.isEmpty else {
            throw ProvisioningError(.labNotFound, "lab '\(labName)' has no nodes on \(uri)",
                                    hint: "bring it up with: vgrid up LAB.yaml", subject: labName)
        }
        var selected = owned
        if let student {
            let students = owned.compactMap { $0.instance.hasPrefix($0.lab + "-") ? String($0.instance.dropFirst($0.lab.count + 1)) : nil }
            guard !students.isEmpty else {
                throw ProvisioningError(.nodeNotFound, "lab '\(labName)' is not a course: it has no students",
                                        hint: "leave out --student, and name the nodes to reset", subject: student)
            }
            selected = owned.filter { $0.instance == "\($0.lab)-\(student)" }
            guard !selected.isEmpty else {
                throw ProvisioningError(.nodeNotFound, "course '\(labName)' has no student '\(student)' on \(uri)",
                                        hint: "its students: \(students.sorted().joined(separator: ", "))", subject: student)
            }
        }
        var targets: [ResetTarget] = []
        var matched = Set<String>()
        for item in selected.sorted(by: { $0.instance < $1.instance }) {
            for (node, domain) in item.domains.sorted(by: { $0.key < $1.key }) {
                let domainName = Naming.domain(item.instance, node)
                let wanted = nodes.filter { $0 == node || $0 == domainName }
                guard nodes.isEmpty || !wanted.isEmpty else { continue }
                matched.formUnion(wanted)
                let overlay = item.volumes.first { $0.name == Naming.overlayVolume(item.instance, node) }
                targets.append(ResetTarget(instance: item.instance, node: node, domain: domain, domainName: domainName,
                                           overlay: overlay))
            }
        }
        let unknown = nodes.filter { !matched.contains($0) }
        if !unknown.isEmpty {
            let known = Set(selected.flatMap { $0.domains.keys }).sorted()
            throw ProvisioningError(.nodeNotFound, "no node named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in \(student.map { "\(labName)-\($0)" } ?? labName)",
                                    hint: "its nodes: \(known.joined(separator: ", "))", subject: unknown[0])
        }
        return targets
    }

    /// Stops the node, replaces its overlay with an empty one on the same backing image, and
    /// starts it again.
    private func freshDisk(_ target: ResetTarget, pool: StoragePool) throws {
        let name = target.domainName
        guard let overlay = target.overlay else {
            throw ProvisioningError(.labNotFound, "\(name) has no disk volume \(Naming.overlayVolume(target.instance, target.node))",
                                    hint: "run `vgrid up` on the lab file: it makes what is missing", subject: name)
        }
        let xml = try libvirt(name, "reading its disk", { try overlay.xmlDesc() })
        guard let backing = try XMLQuery.strings(xml: xml, xpath: "/volume/backingStore/path").first,
              let capacity = try XMLQuery.strings(xml: xml, xpath: "/volume/capacity").first.flatMap(UInt64.init) else {
            throw ProvisioningError(.io, "\(name): its disk \(overlay.name) has no backing image, so it cannot be reset",
                                    hint: "remove the node and bring it up again: vgrid down, then vgrid up", subject: name)
        }
        let spec = StorageVolumeSpec(name: overlay.name, capacityBytes: capacity, format: .qcow2,
                                     backingStore: .init(path: backing, format: .qcow2))
        try libvirt(name, "resetting the node") {
            if try target.domain.isActive { try target.domain.destroy() }
            try overlay.delete()
            _ = try pool.createVolume(xml: spec.render())
            try target.domain.create()
        }
        reporter.report(name, "fresh disk, booting")
    }
}
