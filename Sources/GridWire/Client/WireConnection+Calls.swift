import Foundation

/// Typed calls: each sends one request and unwraps the response it expects.
extension WireConnection {
    public func submit(_ request: SubmitRequest) async throws -> SubmitResult {
        try await expect(.submit(request)) { if case .submitted(let body) = $0 { return body } else { return nil } }
    }

    public func listJobs(_ query: JobQuery = JobQuery()) async throws -> JobList {
        try await expect(.listJobs(query)) { if case .jobs(let body) = $0 { return body } else { return nil } }
    }

    public func listHosts(_ query: HostQuery = HostQuery()) async throws -> HostList {
        try await expect(.listHosts(query)) { if case .hosts(let body) = $0 { return body } else { return nil } }
    }

    public func history(_ query: HistoryQuery) async throws -> JobHistory {
        try await expect(.history(query)) { if case .history(let body) = $0 { return body } else { return nil } }
    }

    /// Waits for jobs; the request's time limit is the wait's own plus a margin.
    public func wait(_ request: WaitRequest) async throws -> WaitResult {
        let limit: Duration? = request.timeoutSeconds.map { .seconds($0 + 30) } ?? .seconds(365 * 86_400)
        return try await expect(.wait(request), timeout: limit) { if case .waited(let body) = $0 { return body } else { return nil } }
    }

    public func signal(_ request: SignalRequest) async throws -> SignalResult {
        try await expect(.signal(request)) { if case .signalled(let body) = $0 { return body } else { return nil } }
    }

    public func accounting(_ query: AccountingQuery) async throws -> AccountingReport {
        try await expect(.accounting(query)) { if case .accounting(let body) = $0 { return body } else { return nil } }
    }

    public func listUsers() async throws -> UserList {
        try await expect(.listUsers(UserQuery())) { if case .users(let body) = $0 { return body } else { return nil } }
    }

    /// globus-job-run: waits (without a time limit of its own) until an interactive job ends.
    public func waitJob(_ request: WaitJob) async throws -> JobEnded {
        try await expect(.waitJob(request), timeout: .seconds(365 * 86_400)) { if case .jobEnded(let body) = $0 { return body } else { return nil } }
    }

    /// globus-url-copy from gsiftp://: the file's description and its bytes.
    public func readFile(_ path: String) async throws -> (file: FileOpened, data: WireChunkStream) {
        let (response, data) = try await download(.readFile(ReadFile(path: path)))
        guard case .fileOpened(let body) = response else {
            data.abandon()
            throw unexpected(response, for: ReadFile.wireType)
        }
        return (body, data)
    }

    /// globus-url-copy to gsiftp://: streams `data` into the file.
    public func writeFile(_ request: WriteFile, data: AsyncThrowingStream<Data, any Error>) async throws -> TransferResult {
        let response = try await upload(.writeFile(request), data: data)
        guard case .transferred(let body) = response else { throw unexpected(response, for: WriteFile.wireType) }
        return body
    }

    public func startJob(_ request: StartJob) async throws -> JobStarted {
        try await expect(.startJob(request)) { if case .jobStarted(let body) = $0 { return body } else { return nil } }
    }

    public func cancelJob(_ request: CancelJob) async throws {
        _ = try await expect(.cancelJob(request)) { if case .ack(let body) = $0 { return body } else { return nil } }
    }

    public func cleanUp(_ request: CleanUpJob) async throws {
        _ = try await expect(.cleanUp(request)) { if case .ack(let body) = $0 { return body } else { return nil } }
    }

    /// Stage-in: streams `data` into the file on the gatekeeper.
    public func stageIn(_ file: FileTransfer, data: AsyncThrowingStream<Data, any Error>) async throws -> TransferResult {
        let response = try await upload(.stageIn(StageIn(file: file)), data: data)
        guard case .transferred(let body) = response else { throw unexpected(response, for: StageIn.wireType) }
        return body
    }

    /// Stage-out: the file's description and its bytes.
    public func stageOut(_ file: FileTransfer) async throws -> (file: FileReady, data: WireChunkStream) {
        let (response, data) = try await download(.stageOut(StageOut(file: file)))
        guard case .fileReady(let body) = response else {
            data.abandon()
            throw unexpected(response, for: StageOut.wireType)
        }
        return (body, data)
    }

    public func reportJobState(_ report: JobStateReport) async throws {
        _ = try await expect(.jobState(report)) { if case .ack(let body) = $0 { return body } else { return nil } }
    }

    public func reportHost(_ report: HostReport) async throws {
        _ = try await expect(.hostReport(report)) { if case .ack(let body) = $0 { return body } else { return nil } }
    }

    private func expect<Body>(_ request: WireRequest, timeout: Duration? = nil, _ unwrap: (WireResponse) -> Body?) async throws -> Body {
        let response = try await send(request, timeout: timeout)
        guard let body = unwrap(response) else { throw unexpected(response, for: request.type) }
        return body
    }

    private func unexpected(_ response: WireResponse, for type: String) -> WireError {
        WireError(
            .unexpectedMessage, "\(endpoint) answered '\(type)' with '\(response.type)'", hint: "run the same vgrid release on both ends",
            location: endpoint.description)
    }
}
