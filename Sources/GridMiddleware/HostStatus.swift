/// What gwhost shows about one host.
public struct HostStatus: Sendable, Hashable {
    public var id: Int
    /// The fixed priority (RP_HOST / RP_IM); 0 means banned.
    public var priority: Int
    public var osName: String
    public var osVersion: String
    public var arch: String
    public var cpuMHz: Int
    /// Percent of CPU free.
    public var cpuFree: Int
    public var freeMemMB: Int
    public var sizeMemMB: Int
    public var freeDiskMB: Int
    public var sizeDiskMB: Int
    public var usedSlots: Int
    public var freeNodes: Int
    public var totalNodes: Int
    public var lrms: String
    public var hostname: String

    public init(id: Int, priority: Int, osName: String, osVersion: String, arch: String, cpuMHz: Int, cpuFree: Int,
                freeMemMB: Int, sizeMemMB: Int, freeDiskMB: Int, sizeDiskMB: Int, usedSlots: Int, freeNodes: Int,
                totalNodes: Int, lrms: String, hostname: String) {
        self.id = id
        self.priority = priority
        self.osName = osName
        self.osVersion = osVersion
        self.arch = arch
        self.cpuMHz = cpuMHz
        self.cpuFree = cpuFree
        self.freeMemMB = freeMemMB
        self.sizeMemMB = sizeMemMB
        self.freeDiskMB = freeDiskMB
        self.sizeDiskMB = sizeDiskMB
        self.usedSlots = usedSlots
        self.freeNodes = freeNodes
        self.totalNodes = totalNodes
        self.lrms = lrms
        self.hostname = hostname
    }

    /// The status from a host's published variables (missing ones are empty or 0).
    public init(id: Int, priority: Int, usedSlots: Int, attributes a: HostAttributes) {
        self.init(id: id, priority: priority, osName: a.string("OS_NAME") ?? "", osVersion: a.string("OS_VERSION") ?? "",
                  arch: a.string("ARCH") ?? "", cpuMHz: a.integer("CPU_MHZ") ?? 0, cpuFree: a.integer("CPU_FREE") ?? 0,
                  freeMemMB: a.integer("FREE_MEM_MB") ?? 0, sizeMemMB: a.integer("SIZE_MEM_MB") ?? 0,
                  freeDiskMB: a.integer("FREE_DISK_MB") ?? 0, sizeDiskMB: a.integer("SIZE_DISK_MB") ?? 0,
                  usedSlots: usedSlots, freeNodes: a.integer("QUEUE_FREENODECOUNT") ?? 0,
                  totalNodes: a.integer("NODECOUNT") ?? 0, lrms: a.string("LRMS_NAME") ?? "",
                  hostname: a.string("HOSTNAME") ?? "")
    }
}

/// One line of `gwhost -m jid`: a host that matches the job, with the job's RANK there.
public struct HostMatch: Sendable, Hashable {
    public var hostID: Int
    public var queue: String
    public var rank: Int
    public var priority: Int
    public var slots: Int
    public var hostname: String

    public init(hostID: Int, queue: String, rank: Int, priority: Int, slots: Int, hostname: String) {
        self.hostID = hostID
        self.queue = queue
        self.rank = rank
        self.priority = priority
        self.slots = slots
        self.hostname = hostname
    }
}
