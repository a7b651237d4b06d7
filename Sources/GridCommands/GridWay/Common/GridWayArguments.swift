import GridTools

/// Reading the values of GridWay options: job ids, counts, delays. Bad input is a ``UsageError``.
enum GridWayArguments {
    /// A whole number in `range` (`-n 10`, `-p 5`).
    static func integer(_ text: String, option: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let value = Int(text) else { throw UsageError(option: option, "'\(text)' is not a whole number") }
        guard range.contains(value) else {
            let bounds = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw UsageError(option: option, "\(value) is out of range (\(bounds))")
        }
        return value
    }

    /// The option's value as a whole number, or nil when the option is absent.
    static func integer(_ options: ParsedOptions, _ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        try options.value(name).map { try integer($0, option: "-" + name, in: range) }
    }

    /// A job id (0 or more: GridWay numbers jobs from 0).
    static func jobID(_ text: String, option: String = "") throws -> Int {
        guard let id = Int(text), id >= 0 else {
            throw UsageError(option: option, "'\(text)' is not a job id (a number, as gwps shows in JID)")
        }
        return id
    }

    /// `"1 2"` or `1,2` (`-d`), or several arguments: the job ids in them.
    static func jobIDs(_ words: [String], option: String = "") throws -> [Int] {
        try words.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) }.map { try jobID(String($0), option: option) }
    }
}
