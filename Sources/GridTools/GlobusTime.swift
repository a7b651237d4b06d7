import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time formats of the Globus tools, and the `H:M` lifetime syntax.
public enum GlobusTime {
    /// `asctime(localtime(t))` without the newline: `Sat Nov 21 23:59:59 2026` (day padded with a space).
    public static func asctime(_ date: Date) -> String {
        format(date, "%a %b %e %H:%M:%S %Y", local: true)
    }

    /// OpenSSL's `-startdate`/`-enddate` form: `Nov 21 13:24:26 2026 GMT`.
    public static func openssl(_ date: Date) -> String {
        format(date, "%b %e %H:%M:%S %Y GMT", local: false)
    }

    /// `grid-proxy-info`'s time left: `H:MM:SS`, plus `  (2.0 days)` beyond a day; 0:00:00 when expired.
    public static func timeLeft(_ seconds: Int) -> String {
        let left = max(0, seconds)
        var text = "\(left / 3600):" + twoDigits((left % 3600) / 60) + ":" + twoDigits(left % 60)
        if left > 86_400 {
            // Globus divides whole hours by 24.0 and prints one decimal.
            text += "  (" + String(format: "%.1f", Double(left / 3600) / 24.0) + " days)"
        }
        return text
    }

    /// Parses `H:M` (as `-valid 12:00`) into minutes; minutes must be 0-60 as Globus allows.
    public static func minutes(fromHoursMinutes text: String, option: String) throws -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else {
            throw UsageError(option: option, "value must be in the format: H:M")
        }
        guard hours >= 0 else { throw UsageError(option: option, "specified hours must be a nonnegative integer") }
        guard (0...60).contains(minutes) else { throw UsageError(option: option, "specified minutes must be in the range 0-60") }
        return hours * 60 + minutes
    }

    /// Parses a whole number of hours (`-hours 12`) into minutes.
    public static func minutes(fromHours text: String, option: String) throws -> Int {
        guard let hours = Int(text), hours >= 0 else {
            throw UsageError(option: option, "need a non-negative integer argument")
        }
        return hours * 60
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func format(_ date: Date, _ pattern: String, local: Bool) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if local { localtime_r(&time, &parts) } else { gmtime_r(&time, &parts) }
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
