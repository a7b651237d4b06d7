import Foundation
import Yams

/// Reads lab files: YAML -> checked, resolved `Lab`, or every problem at once.
public enum LabLoader {
    /// Reads and parses the file at `path`; diagnostics name `path` as given.
    public static func load(path: String) throws -> Lab {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let location = SourceLocation(file: path, line: 0, column: 0)
            throw LabFileError(diagnostics: [Diagnostic(.unreadable, at: location, "cannot read lab file: \(reason(error))",
                                                        hint: "check the path; lab files live in labs/, e.g. labs/intro.yaml")],
                               underlying: error)
        }
        return try parse(yaml: text, path: path)
    }

    /// Parses lab-file text; `path` is used in diagnostics and, made absolute, as `sourcePath`.
    public static func parse(yaml: String, path: String) throws -> Lab {
        let root: YAMLNode?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw LabFileError(diagnostics: [YAMLErrorDiagnostic.make(error, yaml: yaml, file: path)], underlying: error)
        }
        guard let root, !root.isNull else {
            throw LabFileError(diagnostics: [Diagnostic(
                .empty, at: SourceLocation(file: path, line: 1, column: 1), "lab file is empty",
                hint: "start with 'lab: <name>' and a 'nodes:' list; see docs/lab-file.md")])
        }
        var decoder = LabFileDecoder(file: path)
        var lab: Lab?
        var diagnostics: [Diagnostic] = []
        if let labFile = decoder.decode(root) {
            var resolver = LabResolver(labFile, sourcePath: absolute(path))
            lab = resolver.resolve()
            diagnostics = resolver.diagnostics
        }
        diagnostics = sorted(decoder.diagnostics + diagnostics)
        guard diagnostics.isEmpty, let lab else {
            throw LabFileError(diagnostics: diagnostics)
        }
        return lab
    }

    /// Source order; stable for problems at the same position.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }

    static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    private static func reason(_ error: Error) -> String {
        let cocoa = error as NSError
        if let posix = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if cocoa.domain == NSCocoaErrorDomain, cocoa.code == NSFileReadNoSuchFileError { return "no such file" }
        return cocoa.localizedDescription
    }
}
