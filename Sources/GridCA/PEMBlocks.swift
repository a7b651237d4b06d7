import Foundation
import SwiftASN1

/// Splitting files that hold several PEM blocks (proxy files, bundles).
enum PEMBlocks {
    /// All `-----BEGIN X-----` ... `-----END X-----` blocks in order; text between blocks is ignored.
    static func parse(_ text: String) throws -> [PEMDocument] {
        var documents: [PEMDocument] = []
        var current: [Substring]?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-----BEGIN ") {
                current = [Substring(trimmed)]
            } else if trimmed.hasPrefix("-----END "), var block = current {
                block.append(Substring(trimmed))
                documents.append(try PEMDocument(pemString: block.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current!.append(Substring(trimmed))
            }
        }
        return documents
    }
}
