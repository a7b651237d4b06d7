import Testing
@testable import LabModel

/// Rules across entries: node names after expansion, headnodes, networks.
struct LabResolverTests {
    // MARK: Nodes

    @Test func rejectsDuplicateNodeNames() {
        let found = fixtureDiagnostics("duplicate-nodes.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 8, column: 11, "duplicate node name 'worker2'", hint: "rename one", code: .duplicate)
        let note = found.first?.notes.first
        #expect(note?.location == SourceLocation(file: Fixtures.path("duplicate-nodes.yaml"), line: 5, column: 11))
        #expect(note?.message.contains("from 'name: worker' with 'count: 3'") == true)
    }

    @Test func rejectsARepeatedNameInANamesList() {
        let diagnostic = expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - role: workernode
            names: [a, b, a]
        """, line: 6, column: 19, "duplicate node name 'a'", code: .duplicate)
        #expect(diagnostic?.notes.first?.location.column == 13)
        #expect(diagnostic?.notes.first?.location.line == 6)
    }

    @Test func requiresAHeadnode() {
        let found = fixtureDiagnostics("no-headnode.yaml")
        #expect(found.count == 1)
        expect(found.first, line: 2, column: 1, "the lab has no headnode", hint: "role: headnode", code: .missingKey)
    }

    @Test func doesNotAddNoHeadnodeToAMisspeltRole() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnod
        """, line: 4, column: 11, "invalid role 'headnod'", hint: "did you mean 'headnode'?")
    }

    @Test func allowsUpToThreeHeadnodes() throws {
        let lab = try LabLoader.parse(yaml: """
        lab: t
        nodes:
          - name: head
            role: headnode
            count: 3
        """, path: "t.yaml")
        #expect(lab.instances.first?.headnodes.count == 3)
    }

    @Test func rejectsMoreThanThreeHeadnodes() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            count: 3
          - name: extra
            role: headnode
        """, line: 6, column: 11, "the lab has 4 headnodes; at most 3 are allowed", code: .outOfRange)
    }

    @Test func rejectsMoreThan128NodesInTotal() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - name: a
            role: workernode
            count: 64
          - name: b
            role: workernode
            count: 64
        """, line: 2, column: 1, "the lab has 129 nodes; at most 128 are allowed", code: .outOfRange)
    }

    // MARK: Networks

    @Test func rejectsAnInvalidCIDR() {
        expectOneError("""
        lab: t
        networks:
          internal:
            subnet: 10.0.0/24
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 13, "invalid subnet '10.0.0/24'", hint: "10.42.0.0/24", code: .invalidValue)
    }

    @Test func rejectsAPrefixOutsideEightToThirty() {
        expectOneError("""
        lab: t
        networks:
          internal:
            subnet: 10.0.0.0/31
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 13, "invalid subnet '10.0.0.0/31'", hint: "/8 to /30")
    }

    @Test func suggestsTheNetworkAddressWhenHostBitsAreSet() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: nat
            subnet: 192.168.1.7/24
        nodes: [{ name: head, role: headnode }]
        """, line: 5, column: 13, "subnet '192.168.1.7/24' has host bits set", hint: "did you mean '192.168.1.0/24'?")
    }

    @Test func requiresABridgeForBridgeMode() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: bridge
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 11, "'mode: bridge' needs a 'bridge' key", hint: "bridge: br0", code: .missingKey)
    }

    @Test func rejectsABridgeWithTheDefaultMode() {
        expectOneError("""
        lab: t
        networks:
          external:
            bridge: br0
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 13, "'bridge' is only allowed with 'mode: bridge'; the mode is 'isolated' (the default)",
                       hint: "set 'mode: bridge'", code: .conflict)
    }

    @Test func rejectsABridgeWithNatMode() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: nat
            bridge: br0
        nodes: [{ name: head, role: headnode }]
        """, line: 5, column: 13, "'bridge' is only allowed with 'mode: bridge'; the mode is 'nat'", code: .conflict)
    }

    @Test func rejectsAFixedSubnetOnABridgedNetwork() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: bridge
            bridge: br0
            subnet: 192.168.1.0/24
        nodes: [{ name: head, role: headnode }]
        """, line: 6, column: 13, "a bridged external network cannot have a fixed subnet", code: .conflict)
    }

    @Test func suggestsBridgeForBridged() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: bridged
        nodes: [{ name: head, role: headnode }]
        """, line: 4, column: 11, "invalid mode 'bridged'", hint: "did you mean 'bridge'?", code: .invalidValue)
    }

    @Test func rejectsAnInvalidBridgeName() {
        expectOneError("""
        lab: t
        networks:
          external:
            mode: bridge
            bridge: a-very-long-bridge-name
        nodes: [{ name: head, role: headnode }]
        """, line: 5, column: 13, "invalid bridge name 'a-very-long-bridge-name'", code: .invalidValue)
    }

    @Test func rejectsOverlappingFixedSubnets() {
        let diagnostic = expectOneError("""
        lab: t
        networks:
          external:
            mode: nat
            subnet: 10.10.0.0/16
          internal:
            subnet: 10.10.4.0/24
        nodes: [{ name: head, role: headnode }]
        """, line: 7, column: 13, "internal subnet 10.10.4.0/24 overlaps external subnet 10.10.0.0/16", code: .conflict)
        #expect(diagnostic?.notes.map(\.location.line) == [5])
        #expect(diagnostic?.notes.map(\.location.column) == [13])
    }

    @Test func acceptsDisjointFixedSubnets() throws {
        let lab = try LabLoader.parse(yaml: """
        lab: t
        networks:
          external: { mode: nat, subnet: 10.10.0.0/24 }
          internal: { subnet: 10.10.1.0/24 }
        nodes: [{ name: head, role: headnode }]
        """, path: "t.yaml")
        #expect(lab.instances.first?.internal.subnet == .fixed(IPv4Subnet(cidr: "10.10.1.0/24")!))
    }

    @Test func rejectsASubnetTooSmallForTheNodes() {
        expectOneError("""
        lab: t
        networks:
          internal:
            subnet: 10.0.0.0/30
        nodes:
          - name: head
            role: headnode
          - name: w
            role: workernode
            count: 2
        """, line: 4, column: 13, "internal subnet 10.0.0.0/30 has room for 2 addresses, but the lab needs 12 (nodes start at .10)",
                       code: .outOfRange)
    }
}
