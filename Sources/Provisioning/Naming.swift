import Crypto
import LabModel

/// How vgrid names the libvirt objects of a lab instance. Everything carries the instance
/// id so that several labs (and every student of a course) share one host without clashes.
public enum Naming {
    /// The storage pool that holds every lab's volumes on this host.
    public static let poolName = "vgrid"

    public static func domain(_ instance: String, _ node: String) -> String { "\(instance)-\(node)" }
    public static func internalNetwork(_ instance: String) -> String { "\(instance)-int" }
    public static func externalNetwork(_ instance: String) -> String { "\(instance)-ext" }

    /// Linux limits bridge names to 15 characters: `vg` + 10 hex digits of the instance + role.
    public static func bridge(_ instance: String, isInternal: Bool) -> String {
        "vg\(hexDigest(instance).prefix(10))\(isInternal ? "i" : "e")"
    }

    /// Volume names use `_` after the instance id: ids never contain `_`, so a prefix
    /// match never catches another lab's volumes.
    public static func volumePrefix(_ instance: String) -> String { "\(instance)_" }
    public static func overlayVolume(_ instance: String, _ node: String) -> String { "\(instance)_\(node).qcow2" }
    public static func seedVolume(_ instance: String, _ node: String) -> String { "\(instance)_\(node).seed.iso" }

    /// Shared, per-image volumes: uploaded once per host and image version.
    public static func imageVolume(_ image: String, _ version: String, _ part: String) -> String {
        "image-\(image)-\(version.prefix(12)).\(part)"
    }

    /// A stable locally administered MAC (QEMU's 52:54:00 prefix) per node and network.
    public static func mac(_ instance: String, _ node: String, _ network: String) -> String {
        let digest = Array(SHA256.hash(data: Array("\(instance)/\(node)/\(network)".utf8)))
        let tail = digest.prefix(3).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "52:54:00:" + tail.joined(separator: ":")
    }

    static func hexDigest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
