/// printf-style padding for the fixed-width tables of the commands.
enum TextColumns {
    /// `%-Ns`: left-aligned, padded to `width`, never cut.
    static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `%-N.Ns`: left-aligned, padded, and cut to `width`.
    static func leftCut(_ text: String, _ width: Int) -> String {
        left(String(text.prefix(width)), width)
    }

    /// `%Ns`: right-aligned, padded to `width`, never cut.
    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Fields joined by single spaces, with trailing blanks removed (GridWay printed them;
    /// vgrid's lines end at their last character so that they compare cleanly).
    static func line(_ fields: [String]) -> String {
        var text = fields.joined(separator: " ")
        while text.last == " " { text.removeLast() }
        return text
    }
}
