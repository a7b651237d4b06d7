import Foundation

/// Every successful answer of the protocol (failures travel as `error` frames and arrive as `WireError`).
public enum WireResponse: Sendable, Hashable {
    case welcome(Welcome)
    case ack(Ack)
    case submitted(SubmitResult)
    case jobs(JobList)
    case hosts(HostList)
    case history(JobHistory)
    case waited(WaitResult)
    case signalled(SignalResult)
    case accounting(AccountingReport)
    case jobStarted(JobStarted)
    case fileReady(FileReady)
    case transferred(TransferResult)
    case users(UserList)
    case jobEnded(JobEnded)
    case fileOpened(FileOpened)

    /// The body of the response.
    public var body: any WireBody {
        switch self {
        case .welcome(let body): return body
        case .ack(let body): return body
        case .submitted(let body): return body
        case .jobs(let body): return body
        case .hosts(let body): return body
        case .history(let body): return body
        case .waited(let body): return body
        case .signalled(let body): return body
        case .accounting(let body): return body
        case .jobStarted(let body): return body
        case .fileReady(let body): return body
        case .transferred(let body): return body
        case .users(let body): return body
        case .jobEnded(let body): return body
        case .fileOpened(let body): return body
        }
    }

    /// The envelope `type`.
    public var type: String { Swift.type(of: body).wireType }

    /// The envelope types of all responses.
    public static var types: [String] { decoders.keys.sorted() }

    static let decoders: [String: BodyDecoder<WireResponse>] = BodyDecoder.table([
        .init(Welcome.self) { .welcome($0) }, .init(Ack.self) { .ack($0) },
        .init(SubmitResult.self) { .submitted($0) }, .init(JobList.self) { .jobs($0) },
        .init(HostList.self) { .hosts($0) }, .init(JobHistory.self) { .history($0) },
        .init(WaitResult.self) { .waited($0) }, .init(SignalResult.self) { .signalled($0) },
        .init(AccountingReport.self) { .accounting($0) }, .init(JobStarted.self) { .jobStarted($0) },
        .init(FileReady.self) { .fileReady($0) }, .init(TransferResult.self) { .transferred($0) },
        .init(UserList.self) { .users($0) }, .init(JobEnded.self) { .jobEnded($0) }, .init(FileOpened.self) { .fileOpened($0) },
    ])
}
