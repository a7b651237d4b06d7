import Foundation
import GridMiddleware
import GridTools
import GridWire

// gwd sends plain wire rows; the GridMiddleware formatters print GridWay's tables from their own
// types. These conversions are the only place the two meet on the client side.

extension JobStatus {
    /// The status gwps shows for a row gwd sent; an unknown state means client and gwd differ in release.
    init(wire job: JobInfo) throws {
        guard let state = JobState(rawValue: job.state) else { throw Self.unknown("job state", job.state, job: job.id) }
        guard let execution = ExecutionState(rawValue: job.executionState) else {
            throw Self.unknown("execution state", job.executionState, job: job.id)
        }
        self.init(id: job.id, user: job.user, uid: job.uid, name: job.name, state: state, executionState: execution,
                  start: job.start, end: job.end, executionSeconds: job.executionSeconds, transferSeconds: job.transferSeconds,
                  exitCode: job.exitCode, host: job.host, arrayID: job.arrayID, taskID: job.taskID, restarted: job.restarted,
                  clientWaiting: job.clientWaiting, reschedule: job.reschedule, fixedPriority: job.fixedPriority,
                  type: JobType(rawValue: job.type) ?? .single, np: job.np, deadline: job.deadline, note: job.note)
        if let letter = job.stateLetter.first { stateLetter = letter }
    }

    static func unknown(_ what: String, _ value: String, job: Int) -> GridToolsError {
        GridToolsError("gwd sent job \(job) with an unknown \(what) '\(value)'",
                       hint: "run the same vgrid release on the headnode and in this command")
    }
}

extension HostAttributes {
    /// A host's published values as gwd sent them.
    init(wire values: [String: WireValue]) {
        self.init(values.mapValues { value -> HostValue in
            switch value {
            case .string(let text): return .string(text)
            case .integer(let number): return .integer(number)
            }
        })
    }
}

extension HostStatus {
    /// gwhost's row for a host gwd sent; the host's name stands in when it published no HOSTNAME.
    init(wire host: HostInfo) {
        var attributes = HostAttributes(wire: host.attributes)
        if attributes.string("HOSTNAME")?.isEmpty ?? true { attributes["HOSTNAME"] = .string(host.name) }
        self.init(id: host.id, priority: host.priority, usedSlots: host.usedSlots, attributes: attributes)
    }
}

extension HostMatch {
    /// A `gwhost -m` row: the match, with the slots and name of its host when gwd sent that host.
    init(wire match: HostMatchInfo, host: HostInfo?) {
        let attributes = HostAttributes(wire: host?.attributes ?? [:])
        let slots = attributes.integer("QUEUE_FREENODECOUNT") ?? max(0, (attributes.integer("NODECOUNT") ?? 0) - (host?.usedSlots ?? 0))
        self.init(hostID: match.hostID, queue: match.queue, rank: match.rank, priority: match.priority, slots: slots,
                  hostname: attributes.string("HOSTNAME") ?? host?.name ?? "--")
    }
}

extension HistoryRecord {
    /// gwhistory's record from a wire entry: the wire keys are HistoryRecord's Codable keys.
    init(wire entry: HistoryEntry) throws {
        do {
            self = try JSONDecoder().decode(HistoryRecord.self, from: try JSONEncoder().encode(entry))
        } catch {
            throw GridToolsError("gwd sent a history entry this command cannot read (reason '\(entry.reason)')",
                                 hint: "run the same vgrid release on the headnode and in this command", underlying: error)
        }
    }
}
