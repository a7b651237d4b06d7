/// "Did you mean ...?" for misspelt keys and values (lab files, job templates, configs).
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    /// Comparison ignores case, so `scheduling_interval` finds `SCHEDULING_INTERVAL`.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let typed = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            var distance = Suggestion.distance(typed, lowered)
            // A truncated or overlong key (`user_dn` for `user_dn_base`) is a likely slip too.
            if typed.count >= 3, lowered.hasPrefix(typed) || typed.hasPrefix(lowered) {
                distance = min(distance, 1)
            }
            if distance <= allowedDistance(for: typed), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// A `hint:` text: `did you mean 'x'?`, or the list of valid choices.
    public static func hint(for word: String, in candidates: [String], noun: String = "keys") -> String {
        if let match = closest(to: word, in: candidates) {
            return "did you mean '\(match)'?"
        }
        return "valid \(noun) here: " + candidates.joined(separator: ", ")
    }

    public static func allowedDistance(for word: String) -> Int {
        switch word.count {
        case ...3: return 1
        case ...6: return 2
        default: return 3
        }
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and
    /// transpositions of neighbours each cost 1 (`memroy` -> `memory` is 1).
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }
}
