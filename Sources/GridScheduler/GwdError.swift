import Foundation
import GridMiddleware
import GridStore
import GridWire

/// A failure of gwd itself (configuration, start-up) with a hint for the person running it.
public struct GwdError: Error, CustomStringConvertible, @unchecked Sendable {
    public var message: String
    public var hint: String?
    public var underlying: (any Error)?

    public init(_ message: String, hint: String? = nil, underlying: (any Error)? = nil) {
        self.message = message
        self.hint = hint
        self.underlying = underlying
    }

    public var description: String {
        var text = message
        if let underlying { text += " (\(underlying))" }
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}

/// What gwd answers a client request it cannot do: the message is what the command shows after `FAILED:`.
enum Refusal {
    static func make(_ code: String, _ message: String, hint: String) -> WireError {
        .remote("gwd." + code, message, hint: hint)
    }

    /// A failure of a lower layer (store, template parser), passed on with its own message and hint.
    static func wrapping(_ error: any Error, code: String) -> WireError {
        if let error = error as? WireError { return error }
        if var error = error as? MiddlewareError {
            let hint = error.hint ?? "fix the template and submit again"
            error.hint = nil
            return make(code, "\(error)", hint: hint)
        }
        if let error = error as? StoreError {
            return make(code, error.message, hint: error.hint ?? "see gwd's log on the headnode")
        }
        let text = "\(error)"
        let parts = text.components(separatedBy: "\nhint: ")
        return make(code, parts[0], hint: parts.count > 1 ? parts[1] : "see gwd's log on the headnode")
    }
}
