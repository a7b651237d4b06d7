import Foundation

/// gwhistory output: one line per host the job was sent to.
public struct HistoryFormatter: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = .current) { self.timeZone = timeZone }

    /// `HID START END PROLOG WRAPPER EPILOG MIGR REASON QUEUE HOST`.
    public static func header() -> String {
        TextColumns.line([TextColumns.left("HID", 3), TextColumns.left("START", 8), TextColumns.left("END", 8),
                          TextColumns.left("PROLOG", 7), TextColumns.left("WRAPPER", 7), TextColumns.left("EPILOG", 7),
                          TextColumns.left("MIGR", 7), TextColumns.left("REASON", 6), TextColumns.left("QUEUE", 8),
                          TextColumns.left("HOST", 20)])
    }

    /// One record's line; phases still under way count until `now`.
    public func row(_ record: HistoryRecord, now: Date) -> String {
        TextColumns.line([
            TextColumns.left(String(record.host.id), 3),
            TextColumns.left(GridTime.clock(record.start, timeZone: timeZone), 8),
            TextColumns.left(GridTime.clock(record.end, timeZone: timeZone), 8),
            TextColumns.left(GridTime.duration(seconds: record.prologSeconds(now: now)), 7),
            TextColumns.left(GridTime.duration(seconds: record.wrapperSeconds(now: now)), 7),
            TextColumns.left(GridTime.duration(seconds: record.epilogSeconds(now: now)), 7),
            TextColumns.left(GridTime.duration(seconds: record.migrationSeconds(now: now)), 7),
            TextColumns.left(record.reason.rawValue, 6),
            TextColumns.left(record.host.queue, 8),
            TextColumns.left(record.host.contact, 20),
        ])
    }

    /// The header (unless `-n`) and one line per record.
    public func table(_ records: [HistoryRecord], now: Date, header showHeader: Bool = true) -> String {
        ((showHeader ? [Self.header()] : []) + records.map { row($0, now: now) }).map { $0 + "\n" }.joined()
    }
}
