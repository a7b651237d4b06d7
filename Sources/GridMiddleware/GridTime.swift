import Foundation

/// GridWay's time formats, shared by the command formatters.
public enum GridTime {
    /// `HH:MM:SS` of a moment in `timeZone`, or `--:--:--` when unset (gwps START/END).
    public static func clock(_ date: Date?, timeZone: TimeZone) -> String {
        guard let date, date.timeIntervalSince1970 > 0 else { return "--:--:--" }
        let c = components(date, timeZone)
        return String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `DD/MM HH:MM:SS`, or `--/-- --:--:--` when unset (gwps -f START_TIME/EXIT_TIME).
    public static func dateAndTime(_ date: Date?, timeZone: TimeZone) -> String {
        guard let date, date.timeIntervalSince1970 > 0 else { return "--/-- --:--:--" }
        let c = components(date, timeZone)
        return String(format: "%02d/%02d %02d:%02d:%02d", c.day ?? 0, c.month ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// `H:MM:SS` of a duration (hours not limited to 24); `0:00:00` for zero or less.
    public static func duration(seconds: Int) -> String {
        guard seconds > 0 else { return "0:00:00" }
        return String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// `D:HH:MM` of a DEADLINE given in seconds (GridWay's form; `[[D:]H:]M` reads it back).
    public static func deadline(seconds: Int) -> String {
        String(format: "%d:%02d:%02d", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60)
    }

    static func components(_ date: Date, _ timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.day, .month, .hour, .minute, .second], from: date)
    }
}
