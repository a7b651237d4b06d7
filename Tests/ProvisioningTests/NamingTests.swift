import Testing
@testable import Provisioning

/// Names of libvirt objects: unique per instance, within Linux's limits, stable.
struct NamingTests {
    /// Instance ids as the lab file allows them: `[a-z][a-z0-9-]*`, at most 24 characters.
    static let randomIDs: [String] = {
        var generator = SplitMix64(seed: 0x5eed)
        let first = Array("abcdefghijklmnopqrstuvwxyz")
        let rest = Array("abcdefghijklmnopqrstuvwxyz0123456789-")
        var ids = Set<String>()
        while ids.count < 500 {
            let length = Int.random(in: 1...24, using: &generator)
            var id = String(first.randomElement(using: &generator)!)
            for _ in 1..<length { id.append(rest.randomElement(using: &generator)!) }
            if id.hasSuffix("-") { continue }
            ids.insert(id)
        }
        return ids.sorted()
    }()

    @Test func bridgeNamesFitLinuxLimit() {
        var bad: [String] = []
        for id in Self.randomIDs + ["a", String(repeating: "z", count: 24), "course-student123456789"] {
            for isInternal in [true, false] {
                let name = Naming.bridge(id, isInternal: isInternal)
                if name.utf8.count > 15 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    bad.append("\(id) -> \(name)")
                }
            }
        }
        #expect(bad.isEmpty, "\(bad.count) bridge names too long or not plain: \(bad.prefix(5))")
    }

    @Test func bridgeNamesAreDistinctAcrossInstancesAndRoles() {
        var seen: [String: String] = [:]
        for id in Self.randomIDs {
            let internalName = Naming.bridge(id, isInternal: true)
            let externalName = Naming.bridge(id, isInternal: false)
            #expect(internalName != externalName)
            for name in [internalName, externalName] {
                #expect(seen[name] == nil, "\(name) used by both \(seen[name] ?? "") and \(id)")
                seen[name] = id
            }
        }
        #expect(seen.count == 2 * Self.randomIDs.count)
    }

    @Test func bridgeNameIsStableForAnInstance() {
        #expect(Naming.bridge("intro", isInternal: true) == Naming.bridge("intro", isInternal: true))
        #expect(Naming.bridge("intro", isInternal: true) != Naming.bridge("intro-x", isInternal: true))
    }

    @Test func macsHaveQEMUPrefixAndValidHex() {
        for id in Self.randomIDs.prefix(100) {
            for node in ["head", "worker1"] {
                for network in ["internal", "external"] {
                    let mac = Naming.mac(id, node, network)
                    let octets = mac.split(separator: ":", omittingEmptySubsequences: false)
                    #expect(mac.hasPrefix("52:54:00:"), "\(mac)")
                    #expect(octets.count == 6, "\(mac)")
                    #expect(octets.allSatisfy { $0.count == 2 && UInt8($0, radix: 16) != nil }, "\(mac)")
                    #expect(mac == mac.lowercased(), "\(mac)")
                }
            }
        }
    }

    @Test func macIsStableForTheSameNodeAndNetwork() {
        #expect(Naming.mac("intro", "head", "internal") == Naming.mac("intro", "head", "internal"))
    }

    @Test func macsDifferAcrossNodesNetworksAndInstances() {
        var seen: [String: String] = [:]
        var clashes: [String] = []
        // 24 random bits per MAC: a few hundred MACs keep the birthday odds negligible.
        for id in Self.randomIDs.prefix(20) + ["intro", "course-student1", "course-student2"] {
            for node in ["head", "worker1", "worker2", "worker10"] {
                for network in ["internal", "external"] {
                    let mac = Naming.mac(id, node, network)
                    let owner = "\(id)/\(node)/\(network)"
                    if let first = seen[mac] { clashes.append("\(mac): \(first) and \(owner)") }
                    seen[mac] = owner
                }
            }
        }
        #expect(clashes.isEmpty, "\(clashes.count) MACs shared: \(clashes.prefix(5))")
        #expect(seen.count == 23 * 4 * 2)
    }

    @Test func volumePrefixNeverMatchesAnotherInstancesVolumes() {
        let instances = ["intro", "intro-x", "intro-2", "in", "course-student1", "course-student10"]
        for owner in instances {
            for other in instances where other != owner {
                for node in ["head", "worker1", "x-head"] {
                    for volume in [Naming.overlayVolume(other, node), Naming.seedVolume(other, node)] {
                        #expect(!volume.hasPrefix(Naming.volumePrefix(owner)),
                                "\(owner)'s prefix \(Naming.volumePrefix(owner)) matches \(other)'s \(volume)")
                    }
                }
            }
            #expect(Naming.overlayVolume(owner, "head").hasPrefix(Naming.volumePrefix(owner)))
            #expect(Naming.seedVolume(owner, "head").hasPrefix(Naming.volumePrefix(owner)))
        }
        #expect(!Naming.overlayVolume("intro-x", "head").hasPrefix(Naming.volumePrefix("intro")))
    }

    @Test func sharedImageVolumesNeverMatchAnInstancePrefix() {
        let volume = Naming.imageVolume("tiny", "0123456789abcdef0123", "qcow2")
        #expect(volume == "image-tiny-0123456789ab.qcow2")
        for id in ["image", "image-tiny", "tiny"] {
            #expect(!volume.hasPrefix(Naming.volumePrefix(id)))
        }
    }

    @Test func domainAndNetworkNamesCarryTheInstance() {
        #expect(Naming.domain("course-student1", "head") == "course-student1-head")
        #expect(Naming.internalNetwork("intro") == "intro-int")
        #expect(Naming.externalNetwork("intro") == "intro-ext")
    }
}

/// A small seeded generator, so the random ids are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
