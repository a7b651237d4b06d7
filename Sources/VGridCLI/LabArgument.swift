import Foundation
import LabModel

/// A lab named on the command line: a lab or course file, or (for commands that only look
/// at what exists) the lab's name.
struct LabReference {
    var text: String

    var isFile: Bool {
        text.hasSuffix(".yaml") || text.hasSuffix(".yml") || text.contains("/")
            || FileManager.default.fileExists(atPath: text)
    }

    func load() throws -> Lab {
        try LabLoader.load(path: text)
    }

    /// The lab's name, reading the file when one is given.
    func labName() throws -> String {
        isFile ? try load().name : text
    }
}
