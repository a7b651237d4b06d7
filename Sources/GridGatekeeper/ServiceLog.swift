import Foundation
import GridWire

/// Where the workernode services write their events: one line per event (the daemons send it to stderr).
public struct ServiceLog: Sendable {
    let sink: @Sendable (String) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Drops every line.
    public static let none = ServiceLog { _ in }

    /// Timestamped lines on standard error.
    public static let standardError = ServiceLog { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// `2026-11-21T15:04:05Z [gatekeeper] message`.
    public func callAsFunction(_ component: String, _ message: String) {
        let stamp = Date().formatted(.iso8601)
        sink("\(stamp) [\(component)] \(message)\n")
    }

    /// GridWire's connection events, as lines of `component`.
    func wire(_ component: String) -> WireLog {
        WireLog { event in
            var line = "\(event.kind.rawValue): \(event.message)"
            if let address = event.address { line += " from \(address)" }
            if let error = event.error, error.message != event.message { line += " (\(error.message))" }
            self(component, line)
        }
    }
}
