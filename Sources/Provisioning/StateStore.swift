import Foundation

/// vgrid's local notes about the labs it created, under `$VGRID_STATE_DIR` (default
/// /var/lib/vgrid). A cache only: libvirt's ownership stamps are the truth, so `status`
/// and `down` still work when this directory is gone.
public struct StateStore: Sendable {
    public struct InstanceRecord: Codable, Sendable, Equatable {
        public var lab: String
        public var instance: String
        public var source: String
        public var internalSubnet: String
        public var externalSubnet: String?
        /// Per node: the seed it was last given (content hash, hosts hash).
        public var seeds: [String: SeedRecord]
        public var accelerator: String?
    }

    public struct SeedRecord: Codable, Sendable, Equatable {
        public var content: String
        public var hosts: String
    }

    public let root: String

    public init(root: String? = nil) {
        self.root = root ?? ProcessInfo.processInfo.environment["VGRID_STATE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/var/lib/vgrid"
    }

    public func instanceDirectory(_ instance: String) -> String { "\(root)/labs/\(instance)" }
    public func seedDirectory(_ instance: String, node: String) -> String { "\(instanceDirectory(instance))/seeds/\(node)" }
    public func caDirectory(lab: String) -> String { "\(root)/ca/\(lab)" }
    /// SSH host keys, the users' key pairs, known_hosts and access sheets (`StudentAccessStore`).
    public func accessDirectory(lab: String) -> String { "\(root)/access/\(lab)" }

    public func load(_ instance: String) -> InstanceRecord? {
        let path = instanceDirectory(instance) + "/state.json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(InstanceRecord.self, from: data)
    }

    public func save(_ record: InstanceRecord) throws {
        let dir = instanceDirectory(record.instance)
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // Write then rename, so an interrupted `up` never leaves half a state file.
            let tmp = dir + "/state.json.tmp"
            try encoder.encode(record).write(to: URL(fileURLWithPath: tmp))
            guard rename(tmp, dir + "/state.json") == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            throw ProvisioningError(.io, "cannot write the state of \(record.instance) in \(dir): \(error.localizedDescription)",
                                    hint: "check that \(root) is writable (vgrid runs as root)")
        }
    }

    public func remove(_ instance: String) {
        try? FileManager.default.removeItem(atPath: instanceDirectory(instance))
    }

    /// Instances of a lab that have local state (used with the ownership stamps by `down`).
    public func instances(ofLab lab: String) -> [String] {
        let dir = "\(root)/labs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { load($0)?.lab == lab }.sorted()
    }
}
