import Foundation

/// A user's past dispatches for the share policy: SH_WINDOW_DEPTH windows of
/// SH_WINDOW_SIZE days each, the newest first, older windows forgotten as e^(−i/3.5)
/// (GridWay's constants). `usage` is what `UserLoad.pastUsage` expects.
public struct ShareWindows: Sendable, Hashable, Codable {
    /// Dispatch counts, newest window first.
    public private(set) var counts: [Int]

    public init(depth: Int = 5) {
        counts = Array(repeating: 0, count: max(1, min(10, depth)))
    }

    /// Counts one finished job in the current window.
    public mutating func record(_ jobs: Int = 1) { counts[0] += jobs }

    /// Starts a new window (every SH_WINDOW_SIZE days); the oldest is forgotten.
    public mutating func rotate() {
        counts.removeLast()
        counts.insert(0, at: 0)
    }

    /// The decayed total.
    public var usage: Double {
        counts.enumerated().reduce(0) { total, window in
            total + Double(window.element) * exp(-Double(window.offset) / 3.5)
        }
    }
}
