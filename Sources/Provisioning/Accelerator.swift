import Foundation

/// How guests are run: KVM where a guest really starts with it, otherwise QEMU's TCG.
public enum Accelerator: String, Sendable, Codable {
    case kvm, tcg

    /// libvirt's domain type for this accelerator.
    public var domainType: String { self == .kvm ? "kvm" : "qemu" }
}

/// Remembers, per host boot, whether KVM runs guests here (checked by starting one).
struct AcceleratorCache {
    let path: String

    struct Entry: Codable {
        var bootID: String
        var accelerator: Accelerator
        var reason: String
    }

    static var bootID: String {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }

    func load() -> Entry? {
        guard let data = FileManager.default.contents(atPath: path),
              let entry = try? JSONDecoder().decode(Entry.self, from: data),
              entry.bootID == AcceleratorCache.bootID else { return nil }
        return entry
    }

    func save(_ accelerator: Accelerator, reason: String) {
        let entry = Entry(bootID: AcceleratorCache.bootID, accelerator: accelerator, reason: reason)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try? JSONEncoder().encode(entry).write(to: URL(fileURLWithPath: path))
    }
}
