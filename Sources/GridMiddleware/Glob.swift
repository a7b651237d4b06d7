/// Shell-glob matching as `fnmatch(pattern, text, 0)` does it: `*` (also across `/`), `?`,
/// bracket sets `[abc]`, ranges `[a-z]`, negation `[!x]` or `[^x]`, `\` escapes; case-sensitive.
/// A `[` without its `]` is an ordinary character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0
        var star: (pattern: Int, text: Int)?
        while ti < t.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    star = (pi, ti)
                    pi += 1
                    continue
                case "?":
                    pi += 1; ti += 1
                    continue
                case "[":
                    if let (matched, next) = bracket(p, at: pi, t[ti]) {
                        if matched { pi = next; ti += 1; continue }
                    } else if t[ti] == "[" {
                        pi += 1; ti += 1
                        continue
                    }
                case "\\" where pi + 1 < p.count:
                    if p[pi + 1] == t[ti] { pi += 2; ti += 1; continue }
                default:
                    if p[pi] == t[ti] { pi += 1; ti += 1; continue }
                }
            }
            // Mismatch: let the last `*` swallow one more character, or fail.
            guard let last = star else { return false }
            star = (last.pattern, last.text + 1)
            pi = last.pattern + 1
            ti = last.text + 1
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether `c` is in the bracket set at `start`, and the index after the set; nil when
    /// the set has no closing `]`.
    static func bracket(_ p: [Character], at start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == "!" || p[i] == "^" { negate = true; i += 1 }
        var found = false
        var first = true
        while i < p.count {
            if p[i] == "]", !first { return (found != negate, i + 1) }
            first = false
            var low = p[i]
            if low == "\\", i + 1 < p.count { i += 1; low = p[i] }
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                var high = p[i + 2]
                i += 2
                if high == "\\", i + 1 < p.count { i += 1; high = p[i] }
                if low <= c, c <= high { found = true }
            } else if low == c {
                found = true
            }
            i += 1
        }
        return nil
    }
}
