/// The `-x` output of gwps, gwhost and gwhistory: the same KEY=VALUE records as `-f`, as XML
/// (`<JOB_POOL><JOB JOB_ID="7"><NAME>jt</NAME>...</JOB></JOB_POOL>`), as GridWay printed it.
enum XMLRecords {
    /// `pool` holds one `element` per record; `idKey`'s value becomes the element's attribute.
    static func document(pool: String, element: String, idKey: String, records: [[(key: String, value: String)]]) -> String {
        var lines = ["<?xml version=\"1.0\"?>", "<\(pool)>"]
        for record in records {
            let id = record.first { $0.key == idKey }?.value
            lines.append("  <\(element)" + (id.map { " \(idKey)=\"\(escape($0))\"" } ?? "") + ">")
            for field in record where field.key != idKey {
                let tag = field.key.replacingOccurrences(of: "[", with: "_").replacingOccurrences(of: "]", with: "")
                lines.append("    <\(tag)>\(escape(field.value))</\(tag)>")
            }
            lines.append("  </\(element)>")
        }
        lines.append("</\(pool)>")
        return lines.map { $0 + "\n" }.joined()
    }

    /// The fields of `KEY=VALUE` lines (blank lines skipped).
    static func fields(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n").compactMap { line -> (key: String, value: String)? in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
