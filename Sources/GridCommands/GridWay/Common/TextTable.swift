/// Fixed-width tables for the commands whose formats are vgrid's own (gwacct, gwuser, gwdag,
/// gwhost's queues): left-aligned columns padded to their header's width or wider.
struct TextTable {
    struct Column {
        var title: String
        var width: Int
        var rightAligned = false
    }

    var columns: [Column]

    init(_ columns: [Column]) { self.columns = columns }

    func header() -> String { line(columns.map(\.title)) }

    /// One row; a field wider than its column pushes the rest right rather than being cut.
    func line(_ fields: [String]) -> String {
        var text = ""
        for (index, field) in fields.enumerated() {
            let column = index < columns.count ? columns[index] : Column(title: "", width: 0)
            let padding = String(repeating: " ", count: max(0, column.width - field.count))
            if index > 0 { text += " " }
            text += column.rightAligned ? padding + field : field + padding
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The header (unless `showHeader` is false) and the rows, each ending in a newline.
    func render(_ rows: [[String]], header showHeader: Bool = true) -> String {
        ((showHeader ? [header()] : []) + rows.map(line)).map { $0 + "\n" }.joined()
    }
}
