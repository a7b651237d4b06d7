import Suggestions
import Foundation

/// Memory and disk sizes as written in lab files: an integer is MiB; a string is a
/// number with a unit, `KiB`, `MiB`, `GiB` (powers of 1024) or `MB`, `GB` (powers of 1000).
enum ByteSize {
    static let units: [(name: String, bytes: Double)] = [
        ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024 * 1024 * 1024),
        ("MB", 1_000_000), ("GB", 1_000_000_000),
    ]
    static let unitNames = units.map(\.name)

    enum Problem: Error, Equatable {
        /// No number in front, or not a number at all.
        case notANumber
        /// A number without a unit that is not a whole number of MiB.
        case fractionalMiB
        /// A unit vgrid does not know; `suggestion` when it is only mis-cased or misspelt.
        case unknownUnit(String, suggestion: String?)
    }

    /// Parses `96MiB`, `1.5 GiB`, `512MB` or a bare `96` (MiB); rounds up to whole MiB.
    static func parseMiB(_ text: String) -> Result<Int, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberPart = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = trimmed.dropFirst(numberPart.count).trimmingCharacters(in: .whitespaces)
        guard !numberPart.isEmpty, let number = Double(numberPart) else { return .failure(.notANumber) }
        if unit.isEmpty {
            guard let whole = Int(numberPart) else { return .failure(.fractionalMiB) }
            return .success(whole)
        }
        guard let factor = units.first(where: { $0.name == unit })?.bytes else {
            return .failure(.unknownUnit(unit, suggestion: Suggestion.closest(to: unit, in: unitNames)))
        }
        let mib = (number * factor / (1024 * 1024)).rounded(.up)
        guard mib < Double(Int.max / 2) else { return .failure(.notANumber) }
        return .success(Int(mib))
    }

    /// `128MiB`, or `2GiB` when the size is a whole number of GiB.
    static func format(mib: Int) -> String {
        mib >= 1024 && mib % 1024 == 0 ? "\(mib / 1024)GiB" : "\(mib)MiB"
    }
}
