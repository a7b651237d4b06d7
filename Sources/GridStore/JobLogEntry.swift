import Foundation

/// One `job.log` line: `<time> [module][I/W/E]: message`, as GridWay's gw_job_print wrote it.
public struct JobLogEntry: Sendable, Hashable {
    /// I, W or E.
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case info = "I"
        case warning = "W"
        case error = "E"
    }

    public var time: Date
    /// The daemon part that speaks: DM (dispatch), EM (execution), TM (transfer), RM, SCHED.
    public var module: String
    public var level: Level
    public var message: String

    public init(time: Date, module: String = "DM", level: Level = .info, _ message: String) {
        self.time = time
        self.module = module
        self.level = level
        self.message = message
    }

    /// `Thu Mar  5 12:31:49 2026 [DM][I]: message` (the time as C's ctime writes it).
    public func line(timeZone: TimeZone) -> String {
        "\(Self.ctime(time, timeZone: timeZone)) [\(module)][\(level.rawValue)]: \(message)"
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// C's `ctime` without the newline: `Www Mmm dd hh:mm:ss yyyy`, the day padded with a blank.
    static func ctime(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.weekday, .month, .day, .hour, .minute, .second, .year], from: date)
        let day = c.day ?? 1
        let clock = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return "\(weekdays[(c.weekday ?? 1) - 1]) \(months[(c.month ?? 1) - 1]) \(day < 10 ? " " : "")\(day) \(clock) \(c.year ?? 1970)"
    }
}
