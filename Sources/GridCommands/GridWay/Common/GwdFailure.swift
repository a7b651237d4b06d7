import GridTools
import GridWire

/// Turns what can go wrong between a command and gwd into the `FAILED:` line a student reads.
enum GwdFailure {
    static let startHint = "start gwd on the headnode (as root: vgrid-service start gwd); if it runs, check GW_LOCATION"

    static func describe(_ error: any Error, endpoint: WireEndpoint) -> GridToolsError {
        if let error = error as? GridToolsError { return error }
        guard let wire = error as? WireError else {
            return GridToolsError("the request to gwd at \(endpoint) failed", underlying: error)
        }
        switch wire.code {
        case .connectFailed, .connectTimeout:
            return GridToolsError("cannot connect to gwd at \(endpoint)\(endpoint.address.map { " (\($0))" } ?? ""): is gwd running?", hint: startHint)
        case .serverNotTrusted, .serverNameMismatch, .tlsFailed:
            return GridToolsError("cannot trust gwd at \(endpoint): \(wire.message)", hint: wire.hint)
        case .rejectedByServer, .peerNotAuthorized, .peerNotTrusted:
            return GridToolsError("gwd refused your proxy: \(wire.message)", hint: wire.hint)
        case .connectionClosed, .shuttingDown:
            return GridToolsError("gwd at \(endpoint) closed the connection: \(wire.message)",
                                  hint: "gwd may be restarting; try again, or look at $GW_LOCATION/var/gwd.log")
        case .remote:
            // gwd's own refusal: its message and hint are written for the student already.
            return GridToolsError(wire.message, hint: wire.hint.isEmpty ? nil : wire.hint)
        default:
            return GridToolsError(wire.message, hint: wire.hint.isEmpty ? nil : wire.hint)
        }
    }
}
