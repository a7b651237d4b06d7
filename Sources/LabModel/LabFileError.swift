import Foundation

/// Everything wrong with a lab file, collected in one pass; thrown by `LabLoader`.
public struct LabFileError: Error, LocalizedError, CustomStringConvertible {
    /// In source order; never empty.
    public var diagnostics: [Diagnostic]
    /// The error that stopped reading, when there was one (a file-system error, a `YamlError`).
    public var underlying: (any Error)?

    public init(diagnostics: [Diagnostic], underlying: (any Error)? = nil) {
        precondition(!diagnostics.isEmpty, "a LabFileError needs at least one diagnostic")
        self.diagnostics = diagnostics
        self.underlying = underlying
    }

    /// All diagnostics, one compiler-style block each, separated by newlines.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
