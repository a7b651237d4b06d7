import Foundation

/// gwps output: the column table (`-o`), and `-f` KEY=VALUE records.
public struct JobStatusFormatter: Sendable {
    /// GridWay's default `-o uJsetxjh`: USER JID DM EM START END EXEC XFER EXIT NAME HOST.
    public static let defaultColumns = "uJsetxjh"
    /// e EM, s DM, u USER, j NAME, t START END EXEC XFER, T the same with dates, h HOST,
    /// x EXIT, i AID TID, f RWS (restarted, waiting, reschedule), p FP, J JID, y TYPE, n NP.
    public static let columnLetters: Set<Character> = ["e", "s", "u", "j", "t", "T", "h", "x", "i", "f", "p", "J", "y", "n"]

    public let columns: String
    public let timeZone: TimeZone

    /// Throws `.invalidColumns` for a letter that is not a column.
    public init(columns: String = JobStatusFormatter.defaultColumns, timeZone: TimeZone = .current) throws {
        if let bad = columns.first(where: { !Self.columnLetters.contains($0) }) {
            throw MiddlewareError(.invalidColumns, "'\(bad)' is not a gwps column",
                                  hint: "columns are e s u j t T h x i f p J y n; the default is \(Self.defaultColumns)")
        }
        self.columns = columns
        self.timeZone = timeZone
    }

    /// The header line.
    public func header() -> String {
        TextColumns.line(columns.map { letter in
            switch letter {
            case "e": return TextColumns.left("EM", 4)
            case "s": return TextColumns.left("DM", 4)
            case "u": return TextColumns.left("USER", 12)
            case "j": return TextColumns.leftCut("NAME", 15)
            case "t": return [TextColumns.left("START", 8), TextColumns.left("END", 8), TextColumns.left("EXEC", 7), TextColumns.left("XFER", 7)].joined(separator: " ")
            case "T": return [TextColumns.left("START", 14), TextColumns.left("END", 14), TextColumns.left("EXEC", 7), TextColumns.left("XFER", 7)].joined(separator: " ")
            case "h": return TextColumns.left("HOST", 25)
            case "x": return TextColumns.left("EXIT", 4)
            case "i": return TextColumns.left("AID", 3) + " " + TextColumns.left("TID", 3)
            case "f": return TextColumns.left("RWS", 3)
            case "p": return TextColumns.left("FP", 2)
            case "J": return TextColumns.left("JID", 3)
            case "y": return TextColumns.left("TYPE", 8)
            default: return TextColumns.left("NP", 2)
            }
        })
    }

    /// One job's line.
    public func row(_ job: JobStatus) -> String {
        TextColumns.line(columns.map { letter in
            switch letter {
            case "e": return TextColumns.left(job.executionState.rawValue, 4)
            case "s": return TextColumns.left(job.state.column, 4)
            case "u": return TextColumns.left("\(job.user):\(job.uid)", 12)
            case "j": return TextColumns.leftCut(job.name, 15)
            case "t", "T":
                let when = { (date: Date?) in
                    letter == "t" ? GridTime.clock(date, timeZone: self.timeZone) : GridTime.dateAndTime(date, timeZone: self.timeZone)
                }
                let width = letter == "t" ? 8 : 14
                return [TextColumns.left(when(job.start), width), TextColumns.left(when(job.end), width),
                        TextColumns.left(GridTime.duration(seconds: job.executionSeconds), 7),
                        TextColumns.left(GridTime.duration(seconds: job.transferSeconds), 7)].joined(separator: " ")
            case "h": return TextColumns.left(job.host ?? "--", 25)
            case "x": return TextColumns.left(job.state == .done ? String(job.exitCode ?? 0) : "--", 4)
            case "i":
                guard let array = job.arrayID else { return "--  --" }
                return TextColumns.left(String(array), 3) + " " + TextColumns.left(String(job.taskID), 3)
            case "f": return "\(job.restarted)\(job.clientWaiting)\(job.reschedule ? 1 : 0)"
            case "p": return String(format: "%02d", job.fixedPriority)
            case "J": return TextColumns.left(String(job.id), 3)
            case "y": return TextColumns.left(job.type.rawValue, 8)
            default: return TextColumns.left(String(job.np), 2)
            }
        })
    }

    /// The header (unless `-n`) and one line per job, each ending in a newline.
    public func table(_ jobs: [JobStatus], header showHeader: Bool = true) -> String {
        let lines = (showHeader ? [header()] : []) + jobs.map(row)
        return lines.map { $0 + "\n" }.joined()
    }

    /// gwps -f: GridWay's KEY=VALUE lines, then vgrid's REASON when there is one, then a blank line.
    public func full(_ job: JobStatus) -> String {
        var lines = ["JOB_ID=\(job.id)", "NAME=\(job.name)", "USER=\(job.user)", "UID=\(job.uid)"]
        if let array = job.arrayID { lines += ["ARRAY_ID=\(array)", "TASK_ID=\(job.taskID)"] }
        if let host = job.host { lines.append("HOST=\(host)") }
        lines += [
            "FIXED_PRIORITY=\(job.fixedPriority)", "DEADLINE=\(GridTime.deadline(seconds: job.deadline))",
            "TYPE=\(job.type.rawValue)", "NP=\(job.np)", "JOB_STATE=\(job.state.column)",
            "EM_STATE=\(job.executionState.rawValue)", "RESTARTED=\(job.restarted)",
            "CLIENT_WAITING=\(job.clientWaiting)", "RESCHEDULE=\(job.reschedule ? 1 : 0)",
            "START_TIME=\(GridTime.dateAndTime(job.start, timeZone: timeZone))",
            "EXIT_TIME=\(GridTime.dateAndTime(job.end, timeZone: timeZone))",
            "EXEC_TIME=\(GridTime.duration(seconds: job.executionSeconds))",
            "XFR_TIME=\(GridTime.duration(seconds: job.transferSeconds))",
        ]
        if job.state == .done { lines.append("EXIT_CODE=\(job.exitCode ?? 0)") }
        if let note = job.note { lines.append("REASON=\(note)") }
        return lines.map { $0 + "\n" }.joined() + "\n"
    }
}
