import Foundation
import GridTools

/// `-c delay` of gwps and gwhost: print, wait, print again, until interrupted (Ctrl-C ends the process).
struct Refresh {
    var delaySeconds: Int?
    /// Tests stop after this many screens; the real commands never stop.
    var maximumScreens: Int? = nil

    /// Prints `screen()` once, or every `delaySeconds` with a blank line between screens.
    func run(in context: ToolContext, _ screen: () throws -> String) throws {
        guard let delaySeconds else {
            context.standardOutput(try screen())
            return
        }
        var shown = 0
        while true {
            if shown > 0 { context.standardOutput("\n") }
            context.standardOutput(try screen())
            shown += 1
            if let maximumScreens, shown >= maximumScreens { return }
            Thread.sleep(forTimeInterval: TimeInterval(delaySeconds))
        }
    }
}
