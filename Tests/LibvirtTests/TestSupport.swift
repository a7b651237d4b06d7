import Foundation
import Libvirt
import LibvirtXML

/// The libvirt test driver: in-process, no daemon, touches nothing on the host.
///
/// All connections to `test:///default` in one process share its state, and tests run in
/// parallel, so every test uses its own unique object names.
func testConnection() throws -> LibvirtConnection {
    try LibvirtConnection(uri: "test:///default")
}

/// A name no other test uses; `prefix` plus 8 hex digits (short enough for a bridge name).
func uniqueName(_ prefix: String) -> String {
    prefix + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).lowercased()
}

/// A small TCG domain spec the test driver accepts.
func domainSpec(name: String, owner: OwnerStamp? = nil) -> DomainSpec {
    DomainSpec(
        name: name, title: "test node", memoryMiB: 64, vcpus: 1, virtType: .qemu,
        tcgTranslationCacheMiB: 16,
        boot: DirectKernelBoot(kernelPath: "/nonexistent/vmlinuz", commandLine: "console=ttyS0"),
        disks: [
            DiskSpec(source: .volume(pool: "default-pool", volume: "\(name).qcow2"), format: .qcow2, targetDevice: "vda"),
            DiskSpec(source: .file(path: "/nonexistent/\(name).img"), format: .raw, targetDevice: "vdb", readOnly: true),
        ],
        interfaces: [InterfaceSpec(source: .network("default"), macAddress: "52:54:00:aa:bb:cc")],
        serialLogPath: "/nonexistent/\(name).log", owner: owner)
}

/// A fresh empty temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueName("vgrid-test-"))
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
