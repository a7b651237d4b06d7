/// A lab as vgrid uses it: the YAML as written, resolved (defaults applied, node names
/// expanded, references checked). A course resolves to one `LabInstance` per student.
public struct Lab: Sendable, Equatable {
    /// The lab's name from the file (`lab:`), lower-case letters, digits and `-`.
    public var name: String
    /// The file it came from (absolute path), for messages and for `status`.
    public var sourcePath: String
    public var description: String?
    /// One copy of the grid per student (a course), or exactly one for a plain lab.
    public var instances: [LabInstance]
    public var ca: CASettings
    public var middleware: MiddlewareSettings
    /// Where nodes and subnets were written, for diagnostics after loading (`LabChecks`).
    public var sourceMap: LabSourceMap

    public init(name: String, sourcePath: String, description: String? = nil,
                instances: [LabInstance], ca: CASettings, middleware: MiddlewareSettings,
                sourceMap: LabSourceMap = LabSourceMap()) {
        self.name = name
        self.sourcePath = sourcePath
        self.description = description
        self.instances = instances
        self.ca = ca
        self.middleware = middleware
        self.sourceMap = sourceMap
    }

    /// True when the file declared `students:`.
    public var isCourse: Bool { instances.contains { $0.student != nil } }
}

/// One isolated copy of the grid: its own nodes and networks.
public struct LabInstance: Sendable, Equatable {
    /// Unique prefix for everything this copy creates: the lab name, or
    /// `<lab>-<student>` in a course. Lower-case letters, digits and `-`.
    public var id: String
    /// The student this copy belongs to (courses only).
    public var student: String?
    public var nodes: [Node]
    public var external: ExternalNetwork
    // Backticks: `internal` is a keyword; callers still write `instance.internal`.
    public var `internal`: InternalNetwork
    /// Accounts created on every node (the lab's users, plus the student in a course).
    public var users: [User]

    public init(id: String, student: String?, nodes: [Node], external: ExternalNetwork,
                internal: InternalNetwork, users: [User]) {
        self.id = id
        self.student = student
        self.nodes = nodes
        self.external = external
        self.`internal` = `internal`
        self.users = users
    }

    public var headnodes: [Node] { nodes.filter { $0.role == .headnode } }
    public var workernodes: [Node] { nodes.filter { $0.role == .workernode } }
}

public enum NodeRole: String, Sendable, Equatable, Codable, CaseIterable {
    case headnode, workernode
}

public struct Node: Sendable, Equatable {
    /// Host name inside the lab (`head`, `worker1`, ...).
    public var name: String
    public var role: NodeRole
    public var cpus: Int
    public var memoryMiB: Int
    public var diskMiB: Int
    /// Image name, resolved by the image catalogue (`tiny` by default).
    public var image: String

    public init(name: String, role: NodeRole, cpus: Int, memoryMiB: Int, diskMiB: Int, image: String) {
        self.name = name
        self.role = role
        self.cpus = cpus
        self.memoryMiB = memoryMiB
        self.diskMiB = diskMiB
        self.image = image
    }
}

/// The per-node "bridged" network of VGrid: where a node meets the outside.
public struct ExternalNetwork: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable, CaseIterable { case nat, bridge, isolated }
    public var mode: Mode
    /// Host bridge to attach to (mode `bridge` only).
    public var hostBridge: String?
    /// Subnet for `nat` and `isolated` (`auto` picks a free one at `up`).
    public var subnet: SubnetRequest

    public init(mode: Mode, hostBridge: String? = nil, subnet: SubnetRequest = .auto) {
        self.mode = mode
        self.hostBridge = hostBridge
        self.subnet = subnet
    }
}

/// The grid's private network between headnode and workernodes (always isolated).
public struct InternalNetwork: Sendable, Equatable {
    public var subnet: SubnetRequest
    public init(subnet: SubnetRequest = .auto) { self.subnet = subnet }
}

public enum SubnetRequest: Sendable, Equatable {
    case auto
    case fixed(IPv4Subnet)
}

public struct User: Sendable, Equatable {
    public var name: String
    /// Passphrase for the user's grid key (CA issue); generated when nil.
    public var passphrase: String?
    /// Administrators see every job in the middleware.
    public var admin: Bool

    public init(name: String, passphrase: String? = nil, admin: Bool = false) {
        self.name = name
        self.passphrase = passphrase
        self.admin = admin
    }
}

/// The `ca:` section. Validated now; used by the lab CA.
public struct CASettings: Sendable, Equatable {
    /// One-line DN of the CA, `/O=Grid/OU=GlobusTest/OU=simpleCA-<lab>/CN=Globus Simple CA` by default.
    public var subject: String?
    /// Prefix of user DNs (`<base>/OU=local/CN=<name>` by default).
    public var userDNBase: String?
    public var keyBits: Int
    public var caLifetimeDays: Int
    public var certLifetimeDays: Int

    public init(subject: String? = nil, userDNBase: String? = nil, keyBits: Int = 2048,
                caLifetimeDays: Int = 1825, certLifetimeDays: Int = 365) {
        self.subject = subject
        self.userDNBase = userDNBase
        self.keyBits = keyBits
        self.caLifetimeDays = caLifetimeDays
        self.certLifetimeDays = certLifetimeDays
    }
}

/// The `middleware:` section: GridWay-style knobs rendered into gwd.conf / sched.conf.
public struct MiddlewareSettings: Sendable, Equatable {
    /// `gwd.conf` keys (GWD_PORT, SCHEDULING_INTERVAL, ...), upper-case, as strings.
    public var gwd: [String: String]
    /// `sched.conf` keys (DISPATCH_CHUNK, MAX_RUNNING_USER, ...).
    public var sched: [String: String]
    /// Job slots per workernode gatekeeper.
    public var slotsPerWorker: Int

    public init(gwd: [String: String] = [:], sched: [String: String] = [:], slotsPerWorker: Int = 2) {
        self.gwd = gwd
        self.sched = sched
        self.slotsPerWorker = slotsPerWorker
    }
}
