/// Everything that can go wrong while writing, reading or importing a lab bundle, with a
/// message that says what failed and a hint that says how to fix it.
public struct BundleError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The bundle file does not exist or cannot be read.
        case notFound
        /// Cut short: the compressed stream or the archive ends early.
        case truncated
        /// Not a bundle, or damaged: bad compression, bad tar headers, checksum mismatches.
        case corrupt
        /// A format version this vgrid does not know.
        case unsupportedVersion
        /// A member that could escape the target directory, a link or a device file.
        case unsafeMember
        /// Members and manifest disagree (missing, extra or duplicate members).
        case manifestMismatch
        /// Something the import would overwrite already exists on this host.
        case conflict
        /// The lab cannot be exported as asked (no such student, state missing, ...).
        case export
        /// A host tool (zstd, qemu-img) failed or is missing; or a file system error.
        case io
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The member or file the error is about, when there is one.
    public var subject: String?
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, hint: String? = nil, subject: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.subject = subject
        self.underlying = underlying
    }

    public var description: String {
        var text = message
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
