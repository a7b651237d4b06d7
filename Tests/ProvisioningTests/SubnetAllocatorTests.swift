import LabModel
import Testing
@testable import Provisioning

/// Picking `subnet: auto` networks that clash with nothing on the host.
struct SubnetAllocatorTests {
    static func subnet(_ cidr: String) -> IPv4Subnet { IPv4Subnet(cidr: cidr)! }

    @Test func picksA24InsideTheInternalOrExternalPool() throws {
        var allocator = SubnetAllocator(taken: [])
        // 2048 /24s from 10.213.0.0 (up to 10.220.255.0), and 192.168.128.0/17.
        let internalRange = IPv4Subnet.parseAddress("10.213.0.0")!..<IPv4Subnet.parseAddress("10.221.0.0")!
        let externalPool = Self.subnet("192.168.128.0/17")
        for seed in ["intro-int", "big-int", "course-student1-int", "x"] {
            let picked = try allocator.allocate(isInternal: true, seed: seed)
            #expect(picked.prefixLength == 24)
            #expect(internalRange.contains(picked.network), "\(picked)")
        }
        for seed in ["intro-ext", "big-ext"] {
            let picked = try allocator.allocate(isInternal: false, seed: seed)
            #expect(picked.prefixLength == 24)
            #expect(externalPool.overlaps(picked), "\(picked)")
        }
    }

    @Test func neverReturnsASubnetOverlappingATakenOne() throws {
        let taken = [Self.subnet("10.213.0.0/16"), Self.subnet("10.214.5.0/24"), Self.subnet("192.168.128.0/18"),
                     Self.subnet("192.168.200.0/24")]
        var allocator = SubnetAllocator(taken: taken)
        var picked: [IPv4Subnet] = []
        for index in 0..<300 {
            picked.append(try allocator.allocate(isInternal: true, seed: "lab\(index)-int"))
        }
        for index in 0..<40 {
            picked.append(try allocator.allocate(isInternal: false, seed: "lab\(index)-ext"))
        }
        for (index, subnet) in picked.enumerated() {
            for other in taken { #expect(!other.overlaps(subnet), "\(subnet) overlaps taken \(other)") }
            for other in picked[..<index] { #expect(!other.overlaps(subnet), "\(subnet) picked twice") }
        }
    }

    @Test func skipsEvery24OfATaken16() throws {
        // The seed's first choice lies inside the /16; all 256 /24s of it must be skipped.
        var probe = SubnetAllocator(taken: [])
        let first = try probe.allocate(isInternal: true, seed: "intro-int")
        let covering = IPv4Subnet(network: first.network, prefixLength: 16)
        var allocator = SubnetAllocator(taken: [covering])
        let picked = try allocator.allocate(isInternal: true, seed: "intro-int")
        #expect(!covering.overlaps(picked), "\(picked) lies inside taken \(covering)")
    }

    @Test func isDeterministicForTheSameSeed() throws {
        var a = SubnetAllocator(taken: [Self.subnet("10.213.0.0/24")])
        var b = SubnetAllocator(taken: [Self.subnet("10.213.0.0/24")])
        for seed in ["intro-int", "course-student1-int", "course-student2-int"] {
            #expect(try a.allocate(isInternal: true, seed: seed) == b.allocate(isInternal: true, seed: seed))
        }
        var c = SubnetAllocator(taken: [])
        var d = SubnetAllocator(taken: [])
        #expect(try c.allocate(isInternal: false, seed: "intro-ext") == d.allocate(isInternal: false, seed: "intro-ext"))
    }

    @Test func differentSeedsUsuallyLandApart() throws {
        // Fresh allocators, so only the seed decides: most of 50 labs get their own first choice.
        var firstChoices = Set<IPv4Subnet>()
        for index in 0..<50 {
            var allocator = SubnetAllocator(taken: [])
            firstChoices.insert(try allocator.allocate(isInternal: true, seed: "lab\(index)-int"))
        }
        #expect(firstChoices.count >= 45, "only \(firstChoices.count) distinct subnets for 50 seeds")
    }

    @Test func reservedSubnetsAreNotHandedOut() throws {
        var probe = SubnetAllocator(taken: [])
        let first = try probe.allocate(isInternal: true, seed: "intro-int")
        var allocator = SubnetAllocator(taken: [])
        allocator.reserve(first)
        #expect(allocator.conflict(for: first) == first)
        let picked = try allocator.allocate(isInternal: true, seed: "intro-int")
        #expect(picked != first)
        #expect(!picked.overlaps(first))
    }

    @Test func earlierPicksAreTaken() throws {
        var allocator = SubnetAllocator(taken: [])
        let a = try allocator.allocate(isInternal: true, seed: "same")
        let b = try allocator.allocate(isInternal: true, seed: "same")
        #expect(a != b)
        #expect(allocator.conflict(for: a) == a)
        #expect(allocator.conflict(for: b) == b)
    }

    @Test func conflictNamesTheOverlappingSubnet() {
        let wide = Self.subnet("10.0.0.0/8")
        let allocator = SubnetAllocator(taken: [Self.subnet("192.168.1.0/24"), wide])
        #expect(allocator.conflict(for: Self.subnet("10.42.3.0/24")) == wide)
        #expect(allocator.conflict(for: Self.subnet("172.16.0.0/24")) == nil)
    }

    @Test func exhaustionThrowsNoFreeSubnet() {
        var allocator = SubnetAllocator(taken: [Self.subnet("10.0.0.0/8"), Self.subnet("192.168.0.0/16")])
        let internalError = provisioningError(.noFreeSubnet) {
            _ = try allocator.allocate(isInternal: true, seed: "intro-int")
        }
        #expect(internalError?.hint?.contains("virsh net-list") == true)
        _ = provisioningError(.noFreeSubnet) { _ = try allocator.allocate(isInternal: false, seed: "intro-ext") }
    }

    @Test func externalPoolRunsOutAfter128Labs() throws {
        var allocator = SubnetAllocator(taken: [])
        for index in 0..<128 { _ = try allocator.allocate(isInternal: false, seed: "lab\(index)") }
        _ = provisioningError(.noFreeSubnet) { _ = try allocator.allocate(isInternal: false, seed: "one-more") }
    }
}
