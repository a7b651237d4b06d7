import Foundation

/// `manifest.json`, the first member of every bundle: what the bundle holds, with the size
/// and SHA-256 of every other member, so an import can check everything before it keeps anything.
public struct BundleManifest: Codable, Sendable, Equatable {
    /// The only format this vgrid writes and reads.
    public static let currentFormatVersion = 1
    /// The member name of the manifest itself.
    public static let memberPath = "manifest.json"

    public var formatVersion: Int
    public var vgridVersion: String
    public var createdAt: Date
    public var lab: String
    /// The lab file's name inside the bundle (`lab/<name>`).
    public var labFile: String
    /// Set when one student's copy of a course was exported.
    public var student: String?
    /// Instance ids the bundle brings (one per student copy).
    public var instances: [String]
    /// Guest images by name, with their version.
    public var images: [ImageRef]
    public var withState: Bool
    public var includesCAKey: Bool
    public var members: [Member]

    public struct ImageRef: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct Member: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int64
        public var kind: Kind
        /// Permission bits to give the file on import (keys stay 0600).
        public var mode: Int?
        /// For a root filesystem stored expanded (uncompressed qcow2, which zstd shrinks far
        /// better than qcow2's own zlib): the original file, which import rebuilds.
        public var original: Original?

        public init(path: String, sha256: String, size: Int64, kind: Kind, mode: Int? = nil, original: Original? = nil) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.kind = kind
            self.mode = mode
            self.original = original
        }
    }

    public struct Original: Codable, Sendable, Equatable {
        public var sha256: String
        public var size: Int64
        public init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `lab/<file>.yaml`
        case labFile = "lab-file"
        /// `images/<name>/...`: image.json, kernel, initrd, root filesystem
        case image
        /// `disks/<instance>/<node>.qcow2`: a node's overlay (with `--with-state`)
        case overlay
        /// `state/<instance>/...`: the instance's recorded subnets and the seeds it was last given
        case seed
        /// `ca/...`: the CA certificate, CRL, index, issued certificates, host and user credentials
        case credentials
        /// `ca/ca/private/cakey.pem` (with `--include-ca-key`)
        case caKey = "ca-key"
        /// `material/...`: the course material
        case material
    }

    public init(formatVersion: Int = BundleManifest.currentFormatVersion, vgridVersion: String, createdAt: Date,
                lab: String, labFile: String, student: String?, instances: [String], images: [ImageRef],
                withState: Bool, includesCAKey: Bool, members: [Member]) {
        self.formatVersion = formatVersion
        self.vgridVersion = vgridVersion
        self.createdAt = createdAt
        self.lab = lab
        self.labFile = labFile
        self.student = student
        self.instances = instances
        self.images = images
        self.withState = withState
        self.includesCAKey = includesCAKey
        self.members = members
    }

    public var totalSize: Int64 { members.reduce(0) { $0 + $1.size } }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a manifest, refusing versions this vgrid does not know before anything else.
    public static func decode(_ data: Data) throws -> BundleManifest {
        struct VersionOnly: Decodable { var formatVersion: Int }
        let version: Int
        do {
            version = try JSONDecoder().decode(VersionOnly.self, from: data).formatVersion
        } catch {
            throw BundleError(.corrupt, "the bundle's manifest.json cannot be read: \(error)",
                              hint: "the file is not a vgrid bundle, or it is damaged: export it again")
        }
        guard version == currentFormatVersion else {
            throw BundleError(.unsupportedVersion,
                              "the bundle has format version \(version); this vgrid reads format version \(currentFormatVersion) only",
                              hint: version > currentFormatVersion ? "import it with a newer vgrid" : "export it again with this vgrid")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(BundleManifest.self, from: data)
        } catch {
            throw BundleError(.corrupt, "the bundle's manifest.json is malformed: \(error)",
                              hint: "export the bundle again")
        }
    }
}
