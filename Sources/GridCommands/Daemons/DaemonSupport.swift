import Foundation

/// SIGTERM and SIGINT for daemons: a clean shutdown instead of death mid-transaction.
public enum DaemonSignals {
    public final class Handle: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
        public func cancel() { sources.forEach { $0.cancel() } }
    }

    public static func onTermination(_ body: @escaping @Sendable () -> Void) -> Handle {
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: body)
            source.resume()
            return source
        }
        return Handle(sources)
    }
}

/// Timestamps of daemon log lines.
public enum DaemonClock {
    public static func stamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
