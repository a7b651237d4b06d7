import Foundation

/// Where long operations say what they are doing. Libraries never print; the CLI decides.
public protocol ProgressReporter: Sendable {
    /// `subject` is a node or network name, or the lab for lab-wide steps.
    func report(_ subject: String, _ message: String)
    /// Something the user should know about but that does not stop the work.
    func warn(_ message: String)
}

/// Discards everything (tests, `--quiet`).
public struct SilentReporter: ProgressReporter {
    public init() {}
    public func report(_ subject: String, _ message: String) {}
    public func warn(_ message: String) {}
}
