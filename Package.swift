// swift-tools-version:6.0
import PackageDescription

// Module map (arrows point one way):
//   LabModel ──┐
//   LibvirtXML ┼─> Provisioning ─> VGridCLI ─> vgrid (executable)
//   Libvirt ───┤
//   GridCA ────┘
// Guest-side code (GridCA, later the middleware) never imports Libvirt.
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
        .executableTarget(name: "vgrid-guest", dependencies: ["GridTools"]),
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
        .target(name: "GridExec", dependencies: ["GridMiddleware"]),
        // Plan, apply and destroy labs on a libvirt host.
        .target(name: "Provisioning", dependencies: [
            "LabModel", "LibvirtXML", "Libvirt", "GridCA",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
        ]),
        // The host command line: one command type per file.
        .target(name: "VGridCLI", dependencies: [
            "Provisioning", "LabModel", "GridCA",
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
        .testTarget(name: "ProvisioningTests", dependencies: ["Provisioning"]),
        // Real libvirtd + QEMU guests in a network namespace; see scripts/netns-libvirtd.
        .testTarget(name: "IntegrationTests", dependencies: ["Provisioning", "LabModel"]),
    ],
    swiftLanguageModes: [.v5]
)
