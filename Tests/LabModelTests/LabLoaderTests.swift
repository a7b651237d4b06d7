import Foundation
import Testing
@testable import LabModel

/// Loading whole files: the shipped examples, resolution of every key, error collection.
struct LabLoaderTests {
    @Test func loadsIntroExample() throws {
        let lab = try LabLoader.load(path: Fixtures.example("intro.yaml"))
        #expect(lab.name == "intro")
        #expect(!lab.isCourse)
        let instance = try #require(lab.instances.first)
        #expect(lab.instances.count == 1)
        #expect(instance.id == "intro")
        #expect(instance.student == nil)
        #expect(instance.nodes.map(\.name) == ["head", "worker1", "worker2"])
        #expect(instance.headnodes.map(\.memoryMiB) == [104])
        #expect(instance.workernodes.map(\.memoryMiB) == [96, 96])
        #expect(instance.external == ExternalNetwork(mode: .isolated, subnet: .auto))
        #expect(instance.internal == InternalNetwork(subnet: .auto))
        #expect(instance.users == [User(name: "alice"), User(name: "bob", admin: true)])
        #expect(lab.ca.subject == nil)  // the SimpleCA-style default for the lab
        #expect(lab.ca.keyBits == 2048)
        #expect(lab.middleware.gwd == ["SCHEDULING_INTERVAL": "5", "MAX_NUMBER_OF_CLIENTS": "20"])
        #expect(lab.middleware.sched == ["DISPATCH_CHUNK": "15", "MAX_RUNNING_USER": "30", "FP_WEIGHT": "1"])
        #expect(lab.middleware.slotsPerWorker == 2)
    }

    @Test func loadsCourseExampleAsOneInstancePerStudent() throws {
        let lab = try LabLoader.load(path: Fixtures.example("course.yaml"))
        #expect(lab.isCourse)
        #expect(lab.instances.map(\.id) == ["course-student1", "course-student2", "course-student3"])
        #expect(lab.instances.map(\.student) == ["student1", "student2", "student3"])
        for instance in lab.instances {
            #expect(instance.users.map(\.name) == ["teacher", instance.student])
            #expect(instance.nodes.map(\.memoryMiB) == [104, 96, 96])
            #expect(instance.external.subnet == .auto)
            #expect(instance.internal.subnet == .auto)
        }
    }

    @Test func loadsBigExampleWithEightWorkers() throws {
        let lab = try LabLoader.load(path: Fixtures.example("big.yaml"))
        let instance = try #require(lab.instances.first)
        #expect(instance.headnodes.map(\.name) == ["head"])
        #expect(instance.workernodes.map(\.name) == (1...8).map { "worker\($0)" })
        #expect(lab.middleware.sched["SH_USER[alice]"] == "2")
    }

    @Test func resolvesEveryKeyOfTheFormat() throws {
        let lab = try LabLoader.load(path: Fixtures.path("full.yaml"))
        #expect(lab.name == "full-lab")
        #expect(lab.description == "All the keys")
        let nodes = try #require(lab.instances.first?.nodes)
        #expect(nodes.map(\.name) == ["head", "wn1", "wn2", "wn3", "gpu-a", "gpu-b"])
        // head overrides memory (a bare integer is MiB) and image; it inherits cpus and disk.
        #expect(nodes[0] == Node(name: "head", role: .headnode, cpus: 2, memoryMiB: 256, diskMiB: 2048, image: "tiny"))
        #expect(nodes[1] == Node(name: "wn1", role: .workernode, cpus: 1, memoryMiB: 256, diskMiB: 2048, image: "tiny-x"))
        // 4000MB = 4e9 bytes, rounded up to whole MiB.
        #expect(nodes[4] == Node(name: "gpu-a", role: .workernode, cpus: 2, memoryMiB: 256, diskMiB: 3815, image: "tiny-x"))
        let instance = try #require(lab.instances.first)
        #expect(instance.external == ExternalNetwork(mode: .nat, subnet: .fixed(IPv4Subnet(cidr: "192.168.50.0/24")!)))
        #expect(instance.internal.subnet == .fixed(IPv4Subnet(cidr: "10.77.0.0/26")!))
        #expect(instance.users == [User(name: "alice"), User(name: "bob", passphrase: "s3cret!", admin: true)])
        #expect(lab.ca == CASettings(subject: "/O=Grid/OU=Test/CN=Full CA", userDNBase: "/O=Grid/OU=Test",
                                     keyBits: 4096, caLifetimeDays: 730, certLifetimeDays: 30))
        #expect(lab.middleware.gwd == ["GWD_PORT": "6725", "SCHEDULING_INTERVAL": "5", "EM_MAD": "fork:gw_em_mad_fork"])
        // Values are kept as written: GridWay reads RP_HOST 00 as "banned".
        #expect(lab.middleware.sched == ["DISPATCH_CHUNK": "15", "FP_WEIGHT": "1.5", "FP_USER[alice]": "3",
                                         "RP_HOST[wn1]": "00"])
        #expect(lab.middleware.slotsPerWorker == 4)
    }

    @Test func appliesBuiltInDefaultsWhenNothingIsSet() throws {
        let lab = try LabLoader.parse(yaml: "lab: bare\nnodes: [{ name: head, role: headnode }]\n", path: "bare.yaml")
        let instance = try #require(lab.instances.first)
        #expect(instance.nodes == [Node(name: "head", role: .headnode, cpus: 1, memoryMiB: 96, diskMiB: 1024, image: "tiny")])
        #expect(instance.external == ExternalNetwork(mode: .isolated, subnet: .auto))
        #expect(instance.users.isEmpty)
        #expect(lab.ca == CASettings())
        #expect(lab.middleware == MiddlewareSettings())
    }

    @Test func resolvesStudentListToInstancesWithTheStudentAsUser() throws {
        let lab = try LabLoader.load(path: Fixtures.path("roster.yaml"))
        #expect(lab.instances.map(\.id) == ["class-ana", "class-ben", "class-carla"])
        let ben = try #require(lab.instances.first { $0.student == "ben" })
        #expect(ben.users == [User(name: "teacher", admin: true), User(name: "ben")])
        #expect(ben.nodes.map(\.name) == ["head", "worker1", "worker2"])
    }

    @Test func resolvesBridgeModeWithItsHostBridge() throws {
        let lab = try LabLoader.load(path: Fixtures.path("bridge.yaml"))
        #expect(lab.instances.first?.external == ExternalNetwork(mode: .bridge, hostBridge: "br0", subnet: .auto))
    }

    @Test func storesAnAbsoluteSourcePathButReportsThePathAsGiven() throws {
        let lab = try LabLoader.parse(yaml: "lab: rel\nnodes: [{ name: head, role: headnode }]\n", path: "labs/rel.yaml")
        #expect(lab.sourcePath.hasPrefix("/"))
        #expect(lab.sourcePath.hasSuffix("/labs/rel.yaml"))
        #expect(lab.sourceMap.lab == SourceLocation(file: "labs/rel.yaml", line: 1, column: 6))
    }

    @Test func sourceMapRemembersWhereEachNodeAndItsSettingsCameFrom() throws {
        let lab = try LabLoader.load(path: Fixtures.path("full.yaml"))
        let file = Fixtures.path("full.yaml")
        let head = try #require(lab.sourceMap.nodes["head"])
        #expect(head.name == SourceLocation(file: file, line: 16, column: 11))
        #expect(head.memory == SourceLocation(file: file, line: 18, column: 13))
        #expect(head.memoryOrigin == .node)
        let wn2 = try #require(lab.sourceMap.nodes["wn2"])
        #expect(wn2.name == SourceLocation(file: file, line: 20, column: 11))
        #expect(wn2.memory == SourceLocation(file: file, line: 7, column: 11))
        #expect(wn2.memoryOrigin == .defaults)
        #expect(lab.sourceMap.nodes["gpu-b"]?.name == SourceLocation(file: file, line: 25, column: 20))
        #expect(lab.sourceMap.externalSubnet == SourceLocation(file: file, line: 12, column: 13))
        #expect(lab.sourceMap.internalSubnet == SourceLocation(file: file, line: 14, column: 13))
    }

    @Test func reportsAnUnreadableFileWithoutAPosition() {
        #expect {
            try LabLoader.load(path: "/nonexistent/lab.yaml")
        } throws: { error in
            guard let error = error as? LabFileError, let diagnostic = error.diagnostics.first else { return false }
            return diagnostic.code == .unreadable && diagnostic.line == 0 && diagnostic.column == 0
                && diagnostic.message.contains("cannot read lab file")
                && diagnostic.description.hasPrefix("/nonexistent/lab.yaml: error: cannot read lab file")
                && error.underlying != nil
        }
    }

    @Test func collectsErrorsFromEverySectionInOnePass() {
        let found = fixtureDiagnostics("misspelt-keys.yaml")
        #expect(found.count == 8)
        guard found.count == 8 else { return }
        expect(found[0], line: 2, column: 1, "unknown key 'descripton' in the lab file", hint: "did you mean 'description'?")
        expect(found[1], line: 4, column: 3, "unknown key 'memroy' in 'defaults'", hint: "did you mean 'memory'?")
        expect(found[2], line: 6, column: 3, "unknown key 'externel' in 'networks'", hint: "did you mean 'external'?")
        expect(found[3], line: 9, column: 5, "unknown key 'subnett' in 'networks.internal'", hint: "did you mean 'subnet'?")
        expect(found[4], line: 13, column: 5, "unknown key 'cpu' in node", hint: "did you mean 'cpus'?")
        expect(found[5], line: 16, column: 5, "unknown key 'admn' in user", hint: "did you mean 'admin'?")
        expect(found[6], line: 18, column: 3, "unknown key 'key_bit' in 'ca'", hint: "did you mean 'key_bits'?")
        expect(found[7], line: 20, column: 3, "unknown key 'slots_per_wroker' in 'middleware'",
               hint: "did you mean 'slots_per_worker'?")
        #expect(found.allSatisfy { $0.code == .unknownKey && $0.file == Fixtures.path("misspelt-keys.yaml") })
    }

    @Test func reportsDecodingAndResolutionErrorsTogetherInSourceOrder() {
        let found = diagnostics("""
        lab: mixed
        nodes:
          - name: head
            role: headnode
            cpus: 40
          - name: head
            role: workernode
        users: [alice, alice]
        """)
        #expect(found.count == 3)
        guard found.count == 3 else { return }
        expect(found[0], line: 5, column: 11, "'cpus' must be between 1 and 16, got 40", code: .outOfRange)
        expect(found[1], line: 6, column: 11, "duplicate node name 'head'", code: .duplicate)
        expect(found[2], line: 8, column: 16, "duplicate user 'alice'", code: .duplicate)
    }
}
