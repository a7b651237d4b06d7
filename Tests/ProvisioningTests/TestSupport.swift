import Foundation
import LabModel
import Testing
@testable import Provisioning

/// Lab files and layouts built from YAML text, as `up` would see them.
enum Labs {
    /// A shipped example in labs/, found from this source file's location.
    static func example(_ name: String) throws -> Lab {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("labs").appendingPathComponent(name).path
        return try LabLoader.load(path: path)
    }

    static func parse(_ yaml: String) throws -> Lab {
        try LabLoader.parse(yaml: yaml, path: "test.yaml")
    }

    /// A small plain lab: one headnode, `workers` workernodes, the given users.
    static func small(workers: Int = 2, users: [String] = ["alice", "bob"], mode: String = "isolated",
                      bridge: String? = nil) throws -> Lab {
        var yaml = """
            lab: intro
            networks:
              external:
                mode: \(mode)

            """
        if let bridge { yaml += "    bridge: \(bridge)\n" }
        yaml += """
            nodes:
              - name: head
                role: headnode
                memory: 128MiB
              - name: worker
                role: workernode
                count: \(workers)

            """
        if !users.isEmpty { yaml += "users:\n" + users.map { "  - \($0)\n" }.joined() }
        return try parse(yaml)
    }

    /// A stand-in for the built tiny image; layouts only carry it along.
    static let tinyImage = GuestImage(
        name: "tiny", version: "test-1", directory: "/nonexistent/tiny", kernelPath: "/nonexistent/tiny/vmlinuz",
        initrdPath: "/nonexistent/tiny/initrd.img", rootfsPath: "/nonexistent/tiny/rootfs.qcow2",
        cmdline: "console=ttyS0", minMemoryMiB: 48, rootfsVirtualSizeBytes: 1 << 30)

    /// The layout of one instance with fixed subnets (`up` picks them with the allocator).
    static func layout(_ lab: Lab, instance index: Int = 0, internal internalCIDR: String = "10.213.7.0/24",
                       external: String? = "192.168.130.0/24") -> InstanceLayout {
        let instance = lab.instances[index]
        let images = Dictionary(uniqueKeysWithValues: Set(instance.nodes.map(\.image)).map { ($0, tinyImage) })
        return InstanceLayout(labName: lab.name, instance: instance, internalSubnet: IPv4Subnet(cidr: internalCIDR)!,
                              externalSubnet: external.flatMap(IPv4Subnet.init(cidr:)), images: images)
    }

    /// The seed of every node of a layout, by node name.
    static func seeds(_ layout: InstanceLayout, composer: SeedComposer = SeedComposer()) throws -> [String: NodeSeed] {
        Dictionary(uniqueKeysWithValues: try layout.nodes.map { ($0.node.name, try composer.seed(for: $0, in: layout)) })
    }
}

extension NodeSeed {
    /// `environment` as a dictionary (keys are unique in a composed seed).
    var env: [String: String] { Dictionary(environment, uniquingKeysWith: { _, last in last }) }
}

/// Runs `body` with the ProvisioningError it must throw (records an issue otherwise).
func provisioningError(_ code: ProvisioningError.Code, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) -> ProvisioningError? {
    do {
        try body()
        Issue.record("expected ProvisioningError .\(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as ProvisioningError {
        #expect(error.code == code, "code of: \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected ProvisioningError .\(code), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A fresh directory under the system temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "vgrid-prov-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// A host program's exit status and output.
struct HostRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a host program (sh, isoinfo) with the given arguments.
func runHost(_ program: String, _ arguments: [String]) throws -> HostRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes before waiting: isoinfo can print more than a pipe buffer holds.
    nonisolated(unsafe) var errData = Data()
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    process.waitUntilExit()
    return HostRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
}
