import Foundation
import Testing
@testable import LabModel

/// Paths of test inputs.
enum Fixtures {
    /// A file in Tests/LabModelTests/Fixtures, as copied into the test bundle.
    static func path(_ name: String) -> String {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle")
        }
        return folder.appendingPathComponent(name).path
    }

    /// A shipped example in labs/, found from this source file's location.
    static func example(_ name: String) -> String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("labs").appendingPathComponent(name).path
    }
}

/// The diagnostics of lab-file text that must fail to load (records an issue if it loads).
func diagnostics(_ yaml: String, path: String = "lab.yaml",
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try LabLoader.parse(yaml: yaml, path: path)
        Issue.record("expected the lab file to be rejected", sourceLocation: sourceLocation)
    } catch let error as LabFileError {
        return error.diagnostics
    } catch {
        Issue.record("expected a LabFileError, got \(error)", sourceLocation: sourceLocation)
    }
    return []
}

/// The diagnostics of a fixture file that must fail to load.
func fixtureDiagnostics(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try LabLoader.load(path: Fixtures.path(name))
        Issue.record("expected \(name) to be rejected", sourceLocation: sourceLocation)
    } catch let error as LabFileError {
        return error.diagnostics
    } catch {
        Issue.record("expected a LabFileError, got \(error)", sourceLocation: sourceLocation)
    }
    return []
}

/// Expects exactly one diagnostic, at `line`:`column`, whose message contains `message`
/// (and whose hint contains `hint`, when given). Returns it for further checks.
@discardableResult
func expectOneError(_ yaml: String, line: Int, column: Int, _ message: String, hint: String? = nil,
                    code: Diagnostic.Code? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = diagnostics(yaml, sourceLocation: sourceLocation)
    guard found.count == 1, let diagnostic = found.first else {
        Issue.record("expected one diagnostic, got \(found.count):\n\(found.map(\.description).joined(separator: "\n"))",
                     sourceLocation: sourceLocation)
        return nil
    }
    expect(diagnostic, line: line, column: column, message, hint: hint, code: code, sourceLocation: sourceLocation)
    return diagnostic
}

/// Checks one diagnostic's position, message, and optionally hint and code.
func expect(_ diagnostic: Diagnostic?, line: Int, column: Int, _ message: String, hint: String? = nil,
            code: Diagnostic.Code? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let diagnostic else {
        Issue.record("missing diagnostic '\(message)'", sourceLocation: sourceLocation)
        return
    }
    #expect(diagnostic.line == line, "line of: \(diagnostic)", sourceLocation: sourceLocation)
    #expect(diagnostic.column == column, "column of: \(diagnostic)", sourceLocation: sourceLocation)
    #expect(diagnostic.message.contains(message), "message of: \(diagnostic)", sourceLocation: sourceLocation)
    if let hint {
        #expect(diagnostic.hint?.contains(hint) == true, "hint of: \(diagnostic)", sourceLocation: sourceLocation)
    }
    if let code {
        #expect(diagnostic.code == code, "code of: \(diagnostic)", sourceLocation: sourceLocation)
    }
}
