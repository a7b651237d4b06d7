import Foundation
import GridMiddleware

/// One row of the job's state log: `job.state`'s `<unix time> <STATE>` plus vgrid's reason.
public struct StateChange: Sendable, Hashable {
    public var time: Date
    public var state: JobState
    /// Why, when there was something to say (a failure, a retry, a blocked dependency).
    public var reason: String?

    public init(time: Date, state: JobState, reason: String? = nil) {
        self.time = time
        self.state = state
        self.reason = reason
    }

    /// The `job.state` line.
    public var line: String { state.logLine(at: time) }
}
