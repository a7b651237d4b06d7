import Foundation
import Testing
@testable import GridMiddleware

/// The `MiddlewareError` that `body` throws (records an issue when it does not throw one).
func middlewareError<T>(sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> T) -> MiddlewareError {
    do {
        _ = try body()
        Issue.record("expected a MiddlewareError", sourceLocation: sourceLocation)
    } catch let error as MiddlewareError {
        return error
    } catch {
        Issue.record("expected a MiddlewareError, got \(error)", sourceLocation: sourceLocation)
    }
    return MiddlewareError(.syntax, "<none>")
}

/// A fixed moment: 2024-03-01 10:42:09 UTC.
let t0 = Date(timeIntervalSince1970: 1_709_289_729)

let utc = TimeZone(identifier: "UTC")!

extension Date {
    /// `self` plus `seconds`.
    func plus(_ seconds: Double) -> Date { addingTimeInterval(seconds) }
}
