import GridCA

extension WireErrorBody {
    /// The error frame a server sends for an error its handler threw.
    init(_ error: any Error) {
        switch error {
        case let error as WireError:
            self.init(code: error.remoteCode ?? error.code.rawValue, message: error.message, hint: error.hint)
        case let error as GridCAError:
            self.init(code: "gridca.\(error.code.rawValue)", message: error.message, hint: error.hint)
        default:
            self.init(code: "internal", message: "the server failed: \(error)", hint: "see the server's log")
        }
    }
}

extension WireError {
    /// The error a client throws for an `error` frame: the server's code when it is a WireError code
    /// (`frameTooLarge`, `shuttingDown`, ...), else `.remote`; `remoteCode` always holds the code sent.
    init(remote body: WireErrorBody, location: String?) {
        let code = WireError.Code(rawValue: body.code) ?? .remote
        self.init(code, body.message, hint: body.hint, location: location, remoteCode: body.code)
    }
}
