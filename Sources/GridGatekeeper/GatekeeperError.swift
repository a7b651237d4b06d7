import GridWire

/// The one error type of GridGatekeeper: what failed on the workernode's services and how to fix it.
///
/// Request handlers throw it; GridWire sends it to the client as an `error` frame with the code
/// `gatekeeper.<code>`, the message and the hint.
public struct GatekeeperError: Error, CustomStringConvertible, @unchecked Sendable {
    public enum Code: String, Sendable, CaseIterable {
        /// The configuration (credentials, trust, directories, user switch) cannot be used.
        case configuration
        /// The request names a job attempt this host does not have.
        case unknownJob
        /// The caller is not the identity that staged or started the job.
        case notOwner
        /// The request does not fit the job's state (stage in after the start, wait on a gwd job...).
        case wrongState
        /// The caller's identity is not mapped to a local account.
        case unmapped
        /// The job template cannot be read.
        case invalidTemplate
        /// A file could not be spooled, kept or served.
        case io
        /// The runner refused the job (no free slot, duplicate id, bad user).
        case refused
        /// A file transfer (gsiftp) failed.
        case transfer
    }

    public var code: Code
    public var message: String
    public var hint: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, hint: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.underlying = underlying
    }

    public var description: String {
        var text = message
        if let underlying { text += ": \(underlying)" }
        return text + "\nhint: " + hint
    }

    /// As the client receives it.
    var wire: WireError { WireError.remote("gatekeeper.\(code.rawValue)", message, hint: hint) }
}
