/// gwhost output: the host table and the `-m` match table.
public enum HostStatusFormatter {
    /// `HID PRI OS ARCH MHZ %CPU MEM(F/T) DISK(F/T) NODES(U/F/T) LRMS HOSTNAME`.
    public static func header() -> String {
        TextColumns.line([
            TextColumns.left("HID", 3), TextColumns.left("PRI", 3), TextColumns.left("OS", 15), TextColumns.left("ARCH", 6),
            TextColumns.left("MHZ", 4), "%" + TextColumns.left("CPU", 3), TextColumns.right("MEM(F/T)", 11),
            TextColumns.right("DISK(F/T)", 13), TextColumns.right("NODES(U/F/T)", 13), TextColumns.left("LRMS", 18),
            TextColumns.left("HOSTNAME", 30),
        ])
    }

    /// One host's line. Disks of 10000 MB or more are shown in GB, as GridWay does.
    public static func row(_ host: HostStatus) -> String {
        let disk: String
        if host.sizeDiskMB >= 10000 {
            disk = host.freeDiskMB >= 10000
                ? "\(host.freeDiskMB / 1024)G/\(host.sizeDiskMB / 1024)G"
                : "\(host.freeDiskMB)M/\(host.sizeDiskMB / 1024)G"
        } else {
            disk = "\(host.freeDiskMB)M/\(host.sizeDiskMB)M"
        }
        return TextColumns.line([
            TextColumns.left(String(host.id), 3), TextColumns.left(String(host.priority), 3),
            TextColumns.leftCut(host.osName + host.osVersion, 15), TextColumns.leftCut(host.arch, 6),
            TextColumns.right(String(host.cpuMHz), 4), TextColumns.right(String(host.cpuFree), 4),
            TextColumns.right("\(host.freeMemMB)/\(host.sizeMemMB)", 11), TextColumns.right(disk, 13),
            TextColumns.right("\(host.usedSlots)/\(host.freeNodes)/\(host.totalNodes)", 13),
            TextColumns.leftCut(host.lrms, 18), TextColumns.left(host.hostname, 30),
        ])
    }

    /// The header (unless `-n`) and one line per host.
    public static func table(_ hosts: [HostStatus], header showHeader: Bool = true) -> String {
        ((showHeader ? [header()] : []) + hosts.map(row)).map { $0 + "\n" }.joined()
    }

    /// `HID QNAME RANK PRI SLOTS HOSTNAME` for gwhost -m.
    public static func matchHeader() -> String {
        TextColumns.line([TextColumns.left("HID", 3), TextColumns.left("QNAME", 10), TextColumns.left("RANK", 5),
                          TextColumns.left("PRI", 4), TextColumns.left("SLOTS", 5), TextColumns.left("HOSTNAME", 20)])
    }

    public static func matchRow(_ match: HostMatch) -> String {
        TextColumns.line([TextColumns.left(String(match.hostID), 3), TextColumns.left(match.queue, 10),
                          TextColumns.left(String(match.rank), 5), TextColumns.left(String(match.priority), 4),
                          TextColumns.left(String(match.slots), 5), TextColumns.left(match.hostname, 20)])
    }
}
