import Foundation
import LabModel
import Libvirt
import LibvirtXML

/// What `up` (or `plan`) did or would do.
public struct UpSummary: Sendable, Codable {
    public var lab: String
    public var accelerator: Accelerator
    public var acceleratorReason: String
    public var actions: [PlanAction]
    public var readySeconds: Double?
    public var layouts: [InstanceSummary]
    /// One access sheet per account of every instance (`up` only).
    public var accessSheets: [AccessSheetSummary] = []
}

public struct InstanceSummary: Sendable, Codable {
    public var instance: String
    public var internalSubnet: String
    public var externalSubnet: String?
}

extension LabHost {
    /// Shows what `up` would create, change or remove, changing nothing.
    public func plan(_ lab: Lab) throws -> UpSummary {
        try reconcile(lab, dryRun: true)
    }

    /// Creates or completes the lab, removes what the file no longer has, and waits until
    /// every node answers. Every step checks what exists first, so a second `up` changes
    /// nothing and an interrupted one is completed.
    public func up(_ lab: Lab) throws -> UpSummary {
        try reconcile(lab, dryRun: false)
    }

    func reconcile(_ lab: Lab, dryRun: Bool) throws -> UpSummary {
        let started = Date()
        var images: [String: GuestImage] = [:]
        for name in Set(lab.instances.flatMap { $0.nodes.map(\.image) }).sorted() {
            images[name] = try self.images.image(named: name)
        }
        try checkMemory(lab, images: images)
        let owned = try inventory()
        let layouts = try layouts(for: lab, images: images)
        try checkCapacity(layouts, inventory: owned)

        var actions: [PlanAction] = []
        let credentials = LabCredentialStore(root: URL(fileURLWithPath: state.caDirectory(lab: lab.name)), lab: lab)
        var contributors = seedContributors + [MiddlewareSeedContributor(middleware: lab.middleware)]
        var issued: LabCredentials?
        if dryRun && !credentials.isComplete(for: lab.instances) {
            actions.append(.init(.create, "credentials", lab.name, credentials.exists ? "issue missing certificates" : "new lab CA"))
        } else {
            let prepared = try credentials.prepare(lab.instances, readOnly: dryRun)
            issued = prepared
            contributors.append(CredentialSeedContributor(credentials: prepared))
            if !dryRun { reporter.report(lab.name, "lab CA ready; instructor's sheet: \(prepared.sheetPath)") }
        }
        // Students' access: SSH keys (kept beside the CA), sshd and authorized_keys on every node,
        // examples and tutorials at home on the headnode, one access sheet per account.
        var accessSheets: [AccessSheetSummary] = []
        let access = StudentAccessStore(lab: lab.name, state: state)
        let missingKeys = access.missingKeys(for: lab.instances)
        if dryRun && !missingKeys.isEmpty {
            actions.append(.init(.create, "ssh keys", lab.name, "\(missingKeys.count) host or account key(s)"))
        } else {
            let keys = try access.prepare(lab.instances, readOnly: dryRun)
            contributors.append(StudentAccessSeedContributor(keys: keys))
            if !dryRun {
                accessSheets = try access.writeAccessFiles(layouts, keys: keys, credentials: issued)
                reporter.report(lab.name, "SSH keys ready (\(missingKeys.isEmpty ? "kept" : "\(missingKeys.count) new")); access sheets in \(access.root.path)")
            }
        }
        contributors.append(StudentHomeSeedContributor(tutorials: CourseMaterial.tutorials(forLabAt: lab.sourcePath)))
        let composer = SeedComposer(contributors: contributors)
        let pool = try ensurePool(dryRun: dryRun, actions: &actions)
        var volumesByImage: [String: ImageVolumes] = [:]
        for (name, image) in images.sorted(by: { $0.key < $1.key }) {
            volumesByImage[name] = try ensureImage(image, pool: pool, dryRun: dryRun, actions: &actions)
        }
        let (accelerator, reason) = try chooseAccelerator(image: images.values.first!, volumes: volumesByImage.values.first!,
                                                         dryRun: dryRun)
        if !dryRun { reporter.report(lab.name, "accelerator: \(accelerator.rawValue) (\(reason))") }

        // Instances of this lab that the file no longer lists (a smaller course).
        let wantedIDs = Set(layouts.map(\.id))
        for (id, item) in owned where item.lab == lab.name && !wantedIDs.contains(id) {
            actions.append(.init(.remove, "instance", id))
            if !dryRun { try removeInstance(item, keepDisks: false) }
        }

        for layout in layouts {
            try ensureNetworks(layout, source: lab.sourcePath, dryRun: dryRun, actions: &actions)
            // Nodes the file no longer has (fewer workers).
            let current = owned[layout.id]
            for (nodeName, domain) in current?.domains ?? [:] where layout.node(named: nodeName) == nil {
                actions.append(.init(.remove, "node", Naming.domain(layout.id, nodeName)))
                if dryRun { continue }
                let volumes = current?.volumes.filter { $0.name.hasPrefix(Naming.volumePrefix(layout.id) + nodeName + ".") } ?? []
                try removeNode(domainName: Naming.domain(layout.id, nodeName), domain: domain, volumes: volumes, keepDisks: false)
                reporter.report(Naming.domain(layout.id, nodeName), "removed")
            }
        }

        // Nodes of every instance in parallel; shared things (pool, images, networks) exist by now.
        let jobs = layouts.flatMap { layout in layout.nodes.map { (layout, $0) } }
        let source = lab.sourcePath
        let imageVolumes = volumesByImage
        let results = boundedParallelMap(jobs, limit: maxParallelNodes) { [self] layout, node -> (NodeOutcome, [PlanAction]) in
            var nodeActions: [PlanAction] = []
            let outcome = try ensureNode(node, in: layout, composer: composer, imageVolumes: imageVolumes[node.node.image]!,
                                         accelerator: accelerator, pool: pool, source: source, dryRun: dryRun,
                                         actions: &nodeActions)
            return (outcome, nodeActions)
        }
        var outcomes: [NodeOutcome] = []
        for result in results {
            let (outcome, nodeActions) = try result.get()
            outcomes.append(outcome)
            actions += nodeActions
        }

        var readySeconds: Double?
        if !dryRun {
            try waitUntilReady(outcomes.map(\.node.domainName))
            for outcome in outcomes {
                let agent = try agent(domainName: outcome.node.domainName)
                for file in outcome.filesToPush { try agent.writeFile(file.path, contents: file.contents) }
            }
            readySeconds = Date().timeIntervalSince(started)
            for layout in layouts {
                let seeds = Dictionary(uniqueKeysWithValues: try layout.nodes.map { node in
                    let seed = try composer.seed(for: node, in: layout)
                    return (node.node.name, StateStore.SeedRecord(content: seed.contentHash, hosts: seed.hostsHash))
                })
                try state.save(.init(lab: lab.name, instance: layout.id, source: lab.sourcePath,
                                     internalSubnet: layout.internalSubnet.description,
                                     externalSubnet: layout.externalSubnet?.description, seeds: seeds,
                                     accelerator: accelerator.rawValue))
            }
        }
        return UpSummary(lab: lab.name, accelerator: accelerator, acceleratorReason: reason, actions: actions,
                         readySeconds: readySeconds,
                         layouts: layouts.map { InstanceSummary(instance: $0.id, internalSubnet: $0.internalSubnet.description,
                                                                externalSubnet: $0.externalSubnet?.description) },
                         accessSheets: accessSheets)
    }

    /// Waits for every node's guest agent; on a timeout names the node and shows the end
    /// of its console.
    func waitUntilReady(_ domainNames: [String]) throws {
        let deadline = Date().addingTimeInterval(readyTimeoutSeconds)
        let results = boundedParallelMap(domainNames, limit: max(domainNames.count, 1)) { [self] name in
            let agent = try agent(domainName: name)
            while true {
                if (try? agent.ping(timeoutSeconds: 2)) != nil {
                    reporter.report(name, "ready")
                    return
                }
                if Date() > deadline {
                    let tail = LabHost.consoleTail(name, lines: 15)
                    throw ProvisioningError(
                        .nodeNotReady, "\(name) did not become ready within \(Int(readyTimeoutSeconds)) s. Console tail:\n\(tail)",
                        hint: "run `vgrid up` again to resume, or look at the whole console: \(LabHost.consoleLogPath(name))",
                        subject: name)
                }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        for result in results { try result.get() }
    }

    public static func consoleTail(_ domainName: String, lines: Int) -> String {
        guard let text = try? String(contentsOfFile: consoleLogPath(domainName), encoding: .utf8) else {
            return "    (no console output in \(consoleLogPath(domainName)))"
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines)
            .map { "    | " + $0 }.joined(separator: "\n")
    }
}
