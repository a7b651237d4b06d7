// swift-tools-version:6.0
import PackageDescription

// Module map (arrows point one way):
//   LabModel ──┐
//   LibvirtXML ┼─> Provisioning ─> VGridCLI ─> vgrid (executable)
//   Libvirt ───┤
//   GridCA ────┘                 └─> LabBundle ─┘ (export/import of labs as one file)
// Guest side (never imports Libvirt):
//   GridCA ─> GridWire ─┬─> GridGatekeeper ─┐
//   GridMiddleware ─────┼─> GridExec ───────┤
//                       └─> GridStore ─> GridScheduler ─┴─> GridCommands ─> vgrid-guest (executable)
let package = Package(
    name: "vgrid",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vgrid", targets: ["vgrid"]),
        .library(name: "LabModel", targets: ["LabModel"]),
        .library(name: "GridCA", targets: ["GridCA"]),
        .executable(name: "vgrid-guest", targets: ["vgrid-guest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries from Debian (libvirt-dev, libxml2-dev).
        .systemLibrary(name: "CLibvirt", pkgConfig: "libvirt",
                       providers: [.apt(["libvirt-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        // "Did you mean ...?" hints, shared by every parser that reports misspelt names.
        .target(name: "Suggestions"),
        // Lab and course files: YAML -> validated, resolved value types.
        .target(name: "LabModel", dependencies: ["Suggestions", .product(name: "Yams", package: "Yams")]),
        // libvirt XML documents (domain, network, pool, volume), written through libxml2.
        .target(name: "LibvirtXML", dependencies: ["CLibXML2"]),
        // A thin Swift wrapper over libvirt's C API.
        .target(name: "Libvirt", dependencies: ["CLibvirt"]),
        // The lab CA: keys, certificates, proxies, CRLs, verifier.
        .target(name: "GridCA", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        // Globus-style guest commands (grid-proxy-init, grid-proxy-info, ...) over GridCA.
        .target(name: "GridTools", dependencies: ["GridCA"]),
        // The busybox-style multi-call binary for guest images.
        .executableTarget(name: "vgrid-guest", dependencies: ["GridTools", "GridCommands"]),
        // The teaching mini-middleware core: job templates, expressions, scheduling.
        .target(name: "GridMiddleware", dependencies: ["Suggestions"]),
        // The middleware's state: jobs, arrays, dependencies, history in SQLite (GRDB), plus
        // GridWay's var/<jid>/ teaching view.
        .target(name: "GridStore", dependencies: ["GridMiddleware", .product(name: "GRDB", package: "GRDB.swift")]),
        // The middleware's wire protocol over mutual TLS with GSI proxy chains.
        .target(name: "GridWire", dependencies: [
            "GridCA",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // Running jobs on a workernode: per-job directories, staging, processes, host attributes.
        .target(name: "GridExec", dependencies: ["GridMiddleware", "CFileSystemIDs"]),
        // setfsuid/setfsgid for opening files as a grid user (not in Swift's Glibc module).
        .target(name: "CFileSystemIDs"),
        // The workernode's gatekeeper (2119: jobs as the mapped user) and transfer service (2811: gsiftp://).
        .target(name: "GridGatekeeper", dependencies: [
            "GridWire", "GridExec", "GridMiddleware", "GridCA", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // gwd: the metascheduler daemon on the headnode (jobs, hosts, dispatch on events, recovery).
        .target(name: "GridScheduler", dependencies: ["GridWire", "GridStore", "GridMiddleware", "GridCA", "GridExec"]),
        // The guest commands over the daemons: GridWay's gw*, globus-job-run, globus-url-copy, and the
        // daemons' own command lines.
        .target(name: "GridCommands", dependencies: [
            "GridTools", "GridWire", "GridMiddleware", "GridCA", "GridGatekeeper", "GridScheduler",
            .product(name: "X509", package: "swift-certificates"),
        ]),
        // Plan, apply and destroy labs on a libvirt host.
        .target(name: "Provisioning", dependencies: [
            "LabModel", "LibvirtXML", "Libvirt", "GridCA",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        // Terminal tutorials in Markdown whose command blocks are checked against a live lab.
        .target(name: "Tutorials"),
        // Lab bundles: one zstd-compressed tar file with a lab, its images, state and CA (export/import).
        .target(name: "LabBundle", dependencies: [
            "Provisioning", "LabModel", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The host command line: one command type per file.
        .target(name: "VGridCLI", dependencies: [
            "Provisioning", "LabModel", "GridCA", "LabBundle", "Tutorials",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "vgrid", dependencies: ["VGridCLI"]),
        // Benchmarks that print the numbers the issues name (make bench).
        .executableTarget(name: "vgrid-bench-ca", dependencies: ["GridCA"], path: "bench/ca", exclude: ["README.md"]),

        .testTarget(name: "SuggestionsTests", dependencies: ["Suggestions"]),
        .testTarget(name: "LabModelTests", dependencies: ["LabModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LibvirtXMLTests", dependencies: ["LibvirtXML"]),
        .testTarget(name: "LibvirtTests", dependencies: ["Libvirt", "LibvirtXML"]),
        .testTarget(name: "GridCATests", dependencies: ["GridCA"]),
        .testTarget(name: "GridToolsTests", dependencies: ["GridTools"]),
        .testTarget(name: "GridMiddlewareTests", dependencies: ["GridMiddleware"]),
        .testTarget(name: "GridStoreTests", dependencies: ["GridStore"]),
        .testTarget(name: "GridWireTests", dependencies: ["GridWire"]),
        .testTarget(name: "GridExecTests", dependencies: ["GridExec"]),
        .testTarget(name: "GridGatekeeperTests", dependencies: ["GridGatekeeper", "GridWire", "GridCA"]),
        .testTarget(name: "GridSchedulerTests", dependencies: ["GridScheduler", "GridWire", "GridCA"]),
        .testTarget(name: "GridCommandsTests", dependencies: ["GridCommands", "GridWire", "GridCA"]),
        // gwd + gatekeepers as real processes (the vgrid-guest binary) on 127.0.0.x.
        .testTarget(name: "MiddlewareLoopbackTests", dependencies: ["GridCA", "GridWire"]),
        .testTarget(name: "ProvisioningTests", dependencies: ["Provisioning", "GridMiddleware"]),
        .testTarget(name: "LabBundleTests", dependencies: ["LabBundle"]),
        .testTarget(name: "TutorialsTests", dependencies: ["Tutorials"]),
        // Real libvirtd + QEMU guests in a network namespace; see scripts/netns-libvirtd.
        .testTarget(name: "IntegrationTests", dependencies: ["Provisioning", "LabModel"]),
    ],
    swiftLanguageModes: [.v5]
)
