/// The `gwd.conf` and `sched.conf` keys a lab file may set, and what their values look like.
public enum MiddlewareKeys {
    /// The shape of a knob's value.
    public enum Kind: Sendable, Equatable {
        /// A decimal integer in the range (`00` is kept as written: GridWay's "banned").
        case integer(ClosedRange<Int>)
        /// A non-negative decimal number, integer or not (scheduler weights).
        case weight
        /// A one-line driver specification such as `fork:gw_em_mad_fork`.
        case text
    }

    public static let gwd: [String: Kind] = [
        "GWD_PORT": .integer(1...65535),
        "MAX_NUMBER_OF_CLIENTS": .integer(1...1000),
        "SCHEDULING_INTERVAL": .integer(1...86400),
        "DISCOVERY_INTERVAL": .integer(1...86400),
        "MONITORING_INTERVAL": .integer(1...86400),
        "POLL_INTERVAL": .integer(1...86400),
        "IM_MAD": .text, "EM_MAD": .text, "TM_MAD": .text, "DM_SCHED": .text,
    ]

    public static let sched: [String: Kind] = [
        "DISPATCH_CHUNK": .integer(0...10000),
        "MAX_DISPATCH_RESOURCE": .integer(0...10000),
        "MAX_RUNNING_USER": .integer(0...10000),
        "FR_MAX_BANNED": .integer(0...86400),
        "FP_WEIGHT": .weight, "SH_WEIGHT": .weight, "WT_WEIGHT": .weight, "DL_WEIGHT": .weight,
        "RP_WEIGHT": .weight, "RA_WEIGHT": .weight, "UG_WEIGHT": .weight,
    ]

    /// `sched.conf` keys written `KEY[name]`: per-user priority and share, per-host priority.
    public static let indexedSched: [String: Kind] = [
        "FP_USER": .integer(0...19),
        "SH_USER": .integer(0...100000),
        "RP_HOST": .integer(0...99),
    ]

    /// Splits `FP_USER[alice]` into (`FP_USER`, `alice`); nil when not of that form.
    static func splitIndexed(_ key: String) -> (base: String, index: String)? {
        guard key.hasSuffix("]"), let open = key.firstIndex(of: "[") else { return nil }
        let base = String(key[..<open])
        let index = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
        let allowed = index.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_.-*".unicodeScalars.contains($0)
        }
        guard !base.isEmpty, !index.isEmpty, allowed else { return nil }
        return (base, index)
    }
}
