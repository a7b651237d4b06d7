import Foundation
import Testing
@testable import LabModel

/// docs/lab-file.md and docs/lab-file.schema.json must stay true to the code.
struct LabFileDocsTests {
    static func docs(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs").appendingPathComponent(name)
    }

    static func schema() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: docs("lab-file.schema.json")))
        return try #require(object as? [String: Any])
    }

    /// The `properties` keys of the object at `path` (a list of nested keys).
    static func keys(_ schema: [String: Any], _ path: [String], member: String = "properties") throws -> Set<String> {
        var node: Any = schema
        for key in path { node = try #require((node as? [String: Any])?[key], "no \(key) in schema") }
        let properties = try #require((node as? [String: Any])?[member] as? [String: Any])
        return Set(properties.keys)
    }

    @Test func schemaListsTheSameKeysAsTheDecoder() throws {
        let schema = try Self.schema()
        #expect(try Self.keys(schema, []) == Set(LabFileDecoder.topLevelKeys))
        #expect(try Self.keys(schema, ["$defs", "node"]) == Set(LabFileDecoder.nodeKeys))
        #expect(try Self.keys(schema, ["$defs", "nodeSettings"]) == Set(LabFileDecoder.settingKeys))
        #expect(try Self.keys(schema, ["properties", "ca"]) == Set(LabFileDecoder.caKeys))
        #expect(try Self.keys(schema, ["properties", "middleware"]) == Set(LabFileDecoder.middlewareKeys))
        #expect(try Self.keys(schema, ["properties", "networks", "properties", "external"]) == ["mode", "bridge", "subnet"])
    }

    @Test func schemaListsEveryGridWayKey() throws {
        let schema = try Self.schema()
        let middleware = ["properties", "middleware", "properties"]
        #expect(try Self.keys(schema, middleware + ["gwd"]) == Set(MiddlewareKeys.gwd.keys))
        #expect(try Self.keys(schema, middleware + ["sched"]) == Set(MiddlewareKeys.sched.keys))
        let patterns = try Self.keys(schema, middleware + ["sched"], member: "patternProperties")
        #expect(Set(patterns.map { String($0.dropFirst().prefix { $0 != "\\" }) }) == Set(MiddlewareKeys.indexedSched.keys))
    }

    @Test func documentedCompleteExampleLoads() throws {
        let markdown = try String(contentsOf: Self.docs("lab-file.md"), encoding: .utf8)
        let start = try #require(markdown.range(of: "## A complete example\n\n```yaml\n"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let lab = try LabLoader.parse(yaml: String(markdown[start.upperBound..<end.lowerBound]), path: "lab-file.md")
        #expect(lab.instances.map(\.id) == ["intro-student1", "intro-student2", "intro-student3"])
        #expect(lab.instances.first?.nodes.map(\.name) == ["head", "worker1", "worker2", "wn-a", "wn-b"])
    }
}
