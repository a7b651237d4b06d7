import Foundation
import GridTools

/// What a command printed and returned.
struct CommandResult: Sendable {
    var status: Int32
    var output: String
    var errors: String
}

/// Collects a command's output from any thread.
final class OutputCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func write(_ text: String) { lock.withLock { out += text } }
    func writeError(_ text: String) { lock.withLock { err += text } }
    var output: String { lock.withLock { out } }
    var errors: String { lock.withLock { err } }
}

/// A context with `environment`, captured output, and `stdin` as standard input.
func testContext(_ environment: [String: String], stdin: String? = nil, capture: OutputCapture) -> ToolContext {
    let lines = LineFeed(stdin)
    return ToolContext(environment: environment, uid: 1000, standardOutput: capture.write, standardError: capture.writeError,
                       readStandardInputLine: lines.next)
}

/// Runs `body` on a thread of its own: commands block (runBlocking) while their async work runs on
/// the cooperative pool, so they must not be called from a test's own task on that pool.
func offThePool(_ body: @escaping @Sendable () -> Int32) async -> Int32 {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

/// Runs `gwxxx arguments` as the student of `environment` would.
func run(_ command: any GridCommand.Type, _ arguments: [String], environment: [String: String], stdin: String? = nil) async -> CommandResult {
    let capture = OutputCapture()
    let context = UncheckedBox(testContext(environment, stdin: stdin, capture: capture))
    let status = await offThePool { command.main(arguments, context: context.value) }
    return CommandResult(status: status, output: capture.output, errors: capture.errors)
}

/// Runs an already parsed command (to set what the command line cannot, like a refresh limit).
func run(_ command: some GridCommand, environment: [String: String]) async -> CommandResult {
    let capture = OutputCapture()
    let box = UncheckedBox((command, testContext(environment, capture: capture)))
    let status = await offThePool {
        do { return try box.value.0.run(in: box.value.1) } catch {
            capture.writeError("\(error)")
            return -1
        }
    }
    return CommandResult(status: status, output: capture.output, errors: capture.errors)
}

/// Hands a non-Sendable value to the command's thread; the test does not touch it meanwhile.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Standard input as lines.
private final class LineFeed: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String]

    init(_ text: String?) {
        var lines = (text ?? "").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    func next() -> String? { lock.withLock { lines.isEmpty ? nil : lines.removeFirst() } }
}
