import Testing
@testable import LabModel

/// Keys and values checked one by one: unknown keys, types, units, ranges, names.
struct LabFileDecoderTests {
    // MARK: Keys

    @Test func suggestsTheClosestKeyForAMisspeltNodeKey() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            memroy: 128MiB
        """, line: 5, column: 5, "unknown key 'memroy' in node", hint: "did you mean 'memory'?", code: .unknownKey)
    }

    @Test func listsValidKeysWhenNothingIsClose() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            flavour: large
        """, line: 5, column: 5, "unknown key 'flavour' in node",
                       hint: "valid keys here: name, names, count, role, image, cpus, memory, disk")
    }

    @Test func rejectsMergeKeysWithAPointerToDefaults() {
        expectOneError("""
        lab: t
        nodes:
          - &h { name: head, role: headnode }
          - <<: *h
            name: head2
            role: workernode
        """, line: 4, column: 5, "merge keys ('<<') are not supported in node", hint: "'defaults:'")
    }

    @Test func requiresTheLabKey() {
        expectOneError("""
        nodes:
          - name: head
            role: headnode
        """, line: 1, column: 1, "missing required key 'lab' in the lab file", hint: "lab: intro", code: .missingKey)
    }

    @Test func requiresAValueForTheLabKey() {
        expectOneError("lab:\nnodes: [{ name: head, role: headnode }]\n", line: 1, column: 1,
                       "key 'lab' in the lab file has no value", code: .missingKey)
    }

    @Test func requiresNodes() {
        expectOneError("lab: t\n", line: 1, column: 1, "missing required key 'nodes'", code: .missingKey)
    }

    @Test func rejectsAnEmptyNodeList() {
        expectOneError("lab: t\nnodes: []\n", line: 2, column: 8, "'nodes' is empty", hint: "role: headnode")
    }

    @Test func requiresARoleForEachNode() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
        """, line: 3, column: 5, "missing required key 'role' in node", code: .missingKey)
    }

    @Test func requiresANameForEachNode() {
        expectOneError("""
        lab: t
        nodes:
          - role: headnode
            cpus: 1
        """, line: 3, column: 5, "missing required key 'name' in node", hint: "count: 2", code: .missingKey)
    }

    // MARK: Types

    @Test func rejectsAWordWhereAnIntegerBelongs() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            cpus: two
        """, line: 5, column: 11, "expected an integer for 'cpus', got 'two'", code: .wrongType)
    }

    @Test func suggestsRemovingQuotesAroundAnInteger() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            cpus: "2"
        """, line: 5, column: 11, "expected an integer for 'cpus', got '2'", hint: "remove the quotes")
    }

    @Test func rejectsAListWhereAMappingBelongs() {
        expectOneError("""
        lab: t
        defaults:
          - image: tiny
        nodes: [{ name: head, role: headnode }]
        """, line: 3, column: 3, "expected a mapping for 'defaults', got a list", code: .wrongType)
    }

    @Test func rejectsAScalarWhereAListBelongs() {
        expectOneError("lab: t\nnodes: head\n", line: 2, column: 8, "expected a list for 'nodes', got 'head'",
                       code: .wrongType)
    }

    @Test func rejectsANonBooleanAdminFlag() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        users:
          - name: alice
            admin: sometimes
        """, line: 5, column: 12, "expected true or false for 'admin', got 'sometimes'", code: .wrongType)
    }

    @Test func rejectsAMappingAsAName() {
        expectOneError("""
        lab: t
        nodes:
          - name: { first: head }
            role: headnode
        """, line: 3, column: 11, "expected a string for 'name', got a mapping", code: .wrongType)
    }

    // MARK: Sizes

    @Test func rejectsAnUnknownMemoryUnitWithASuggestion() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            memory: 128mib
        """, line: 5, column: 13, "unknown size unit 'mib' in 'memory'", hint: "did you mean 'MiB'?", code: .invalidValue)
    }

    @Test func rejectsADiskSizeThatIsNotANumber() {
        expectOneError("""
        lab: t
        defaults:
          disk: lots
        nodes: [{ name: head, role: headnode }]
        """, line: 3, column: 9, "invalid size 'lots' for 'disk'", hint: "e.g. 128MiB", code: .invalidValue)
    }

    @Test func rejectsFractionalMiBWithoutAUnit() {
        expectOneError("""
        lab: t
        defaults:
          memory: 96.5
        nodes: [{ name: head, role: headnode }]
        """, line: 3, column: 11, "a size without a unit is whole MiB", code: .invalidValue)
    }

    @Test func rejectsMemoryBelow32MiB() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            memory: 16MiB
        """, line: 5, column: 13, "'memory' must be between 32MiB and 64GiB, got 16MiB", code: .outOfRange)
    }

    @Test func rejectsMemoryAbove64GiB() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            memory: 65GiB
        """, line: 5, column: 13, "'memory' must be between 32MiB and 64GiB, got 65GiB", code: .outOfRange)
    }

    // MARK: Ranges

    @Test(arguments: [0, 17])
    func rejectsCPUsOutsideOneToSixteen(cpus: Int) {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
            cpus: \(cpus)
        """, line: 5, column: 11, "'cpus' must be between 1 and 16, got \(cpus)", code: .outOfRange)
    }

    @Test(arguments: [0, -1, 65])
    func rejectsCountOutsideOneToSixtyFour(count: Int) {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - name: worker
            role: workernode
            count: \(count)
        """, line: 7, column: 12, "'count' must be between 1 and 64, got \(count)", code: .outOfRange)
    }

    // MARK: Roles and names

    @Test func suggestsTheRoleForAShortenedRole() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - name: w
            role: worker
        """, line: 6, column: 11, "invalid role 'worker'", hint: "did you mean 'workernode'?", code: .invalidValue)
    }

    @Test func rejectsUpperCaseInNodeNames() {
        expectOneError("""
        lab: t
        nodes:
          - name: Head
            role: headnode
        """, line: 3, column: 11, "invalid node name 'Head': must start with a lower-case letter", code: .invalidValue)
    }

    @Test func rejectsInvalidCharactersInNodeNames() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - role: workernode
            names: [ok, not_ok]
        """, line: 6, column: 17, "invalid node name 'not_ok': contains '_'", code: .invalidValue)
    }

    @Test func rejectsNodeNamesThatGrowTooLongWithTheirNumber() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - name: workernode-abcdefgh
            role: workernode
            count: 12
        """, line: 5, column: 11, "invalid node name 'workernode-abcdefgh12' (from count 12): is 21 characters long",
                       code: .invalidValue)
    }

    @Test func rejectsNodeNamesLongerThanTwentyCharacters() {
        expectOneError("""
        lab: t
        nodes:
          - name: a-very-long-headnode-name
            role: headnode
        """, line: 3, column: 11, "is 25 characters long; at most 20 are allowed", code: .invalidValue)
    }

    @Test func rejectsNameAndNamesTogether() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - name: w
            names: [a, b]
            role: workernode
        """, line: 6, column: 5, "a node cannot have both 'name' and 'names'", code: .conflict)
    }

    @Test func rejectsCountTogetherWithNames() {
        expectOneError("""
        lab: t
        nodes:
          - name: head
            role: headnode
          - names: [a, b]
            count: 2
            role: workernode
        """, line: 6, column: 5, "'count' and 'names' are exclusive", code: .conflict)
    }

    @Test func rejectsAnInvalidLabName() {
        expectOneError("lab: Intro_1\nnodes: [{ name: head, role: headnode }]\n", line: 1, column: 6,
                       "invalid lab name 'Intro_1': must start with a lower-case letter", hint: "e.g. 'intro'",
                       code: .invalidValue)
    }

    @Test func rejectsALabNameLongerThanTwentyCharacters() {
        expectOneError("lab: introduction-to-grids\nnodes: [{ name: head, role: headnode }]\n", line: 1, column: 6,
                       "is 21 characters long; at most 20 are allowed", code: .invalidValue)
    }

    @Test func rejectsAnImageNameWithSlashes() {
        expectOneError("""
        lab: t
        defaults:
          image: ../tiny
        nodes: [{ name: head, role: headnode }]
        """, line: 3, column: 10, "invalid image name '../tiny'", code: .invalidValue)
    }
}
