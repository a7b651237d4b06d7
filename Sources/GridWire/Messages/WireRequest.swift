import Foundation

/// Every request of the protocol: student commands to gwd, gwd to gatekeepers, gatekeepers to gwd.
public enum WireRequest: Sendable, Hashable {
    // Any client
    case hello(Hello)
    // Student commands -> gwd
    case submit(SubmitRequest)
    case listJobs(JobQuery)
    case listHosts(HostQuery)
    case history(HistoryQuery)
    case wait(WaitRequest)
    case signal(SignalRequest)
    case accounting(AccountingQuery)
    case listUsers(UserQuery)
    // gwd -> gatekeeper
    case startJob(StartJob)
    case cancelJob(CancelJob)
    case cleanUp(CleanUpJob)
    case stageIn(StageIn)
    case stageOut(StageOut)
    // globus-job-run -> gatekeeper
    case waitJob(WaitJob)
    // globus-url-copy -> transfer service (2811)
    case readFile(ReadFile)
    case writeFile(WriteFile)
    // gatekeeper -> gwd
    case jobState(JobStateReport)
    case hostReport(HostReport)

    /// The body of the request.
    public var body: any WireBody {
        switch self {
        case .hello(let body): return body
        case .submit(let body): return body
        case .listJobs(let body): return body
        case .listHosts(let body): return body
        case .history(let body): return body
        case .wait(let body): return body
        case .signal(let body): return body
        case .accounting(let body): return body
        case .listUsers(let body): return body
        case .startJob(let body): return body
        case .cancelJob(let body): return body
        case .cleanUp(let body): return body
        case .stageIn(let body): return body
        case .stageOut(let body): return body
        case .waitJob(let body): return body
        case .readFile(let body): return body
        case .writeFile(let body): return body
        case .jobState(let body): return body
        case .hostReport(let body): return body
        }
    }

    /// The envelope `type`.
    public var type: String { Swift.type(of: body).wireType }

    /// Whether a limited proxy may make this request (limited proxies may authenticate, not start or change jobs).
    public var allowedForLimitedProxy: Bool {
        switch self {
        case .hello, .listJobs, .listHosts, .history, .wait, .accounting, .listUsers, .readFile: return true
        default: return false
        }
    }

    /// The envelope types of all requests.
    public static var types: [String] { decoders.keys.sorted() }

    static let decoders: [String: BodyDecoder<WireRequest>] = BodyDecoder.table([
        .init(Hello.self) { .hello($0) }, .init(SubmitRequest.self) { .submit($0) },
        .init(JobQuery.self) { .listJobs($0) }, .init(HostQuery.self) { .listHosts($0) },
        .init(HistoryQuery.self) { .history($0) }, .init(WaitRequest.self) { .wait($0) },
        .init(SignalRequest.self) { .signal($0) }, .init(AccountingQuery.self) { .accounting($0) },
        .init(StartJob.self) { .startJob($0) }, .init(CancelJob.self) { .cancelJob($0) },
        .init(CleanUpJob.self) { .cleanUp($0) }, .init(StageIn.self) { .stageIn($0) },
        .init(StageOut.self) { .stageOut($0) }, .init(JobStateReport.self) { .jobState($0) },
        .init(HostReport.self) { .hostReport($0) }, .init(UserQuery.self) { .listUsers($0) },
        .init(WaitJob.self) { .waitJob($0) }, .init(ReadFile.self) { .readFile($0) }, .init(WriteFile.self) { .writeFile($0) },
    ])
}

/// Decodes the `body` of an envelope whose `type` names a `Body`, wrapping it in a message enum.
struct BodyDecoder<Message>: Sendable {
    let type: String
    let decode: @Sendable (KeyedDecodingContainer<EnvelopeKey>) throws -> Message

    init<Body: WireBody>(_ body: Body.Type, _ wrap: @escaping @Sendable (Body) -> Message) {
        type = Body.wireType
        decode = { container in wrap(try container.decode(Body.self, forKey: .body)) }
    }

    static func table(_ decoders: [BodyDecoder]) -> [String: BodyDecoder] {
        Dictionary(uniqueKeysWithValues: decoders.map { ($0.type, $0) })
    }
}
