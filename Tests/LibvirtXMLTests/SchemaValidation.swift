import Foundation
import Testing

/// Runs `virt-xml-validate FILE SCHEMA` on `xml` and records a test failure with its output when invalid.
func expectValid(
    _ xml: String, schema: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let result = try virtXMLValidate(xml, schema: schema)
    #expect(result.status == 0, "virt-xml-validate \(schema) failed:\n\(result.output)\n\(xml)",
            sourceLocation: sourceLocation)
}

/// The exit status and combined output of `virt-xml-validate` on `xml`.
func virtXMLValidate(_ xml: String, schema: String) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("vgrid-\(schema)-\(UUID().uuidString).xml")
    try xml.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/virt-xml-validate")
    process.arguments = [file.path, schema]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}
