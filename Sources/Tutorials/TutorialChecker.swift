import Foundation

/// What a tutorial is checked against: the lab's names and secrets.
public struct TutorialContext: Sendable {
    /// The lab instance whose nodes run the steps; `node=head` runs on `<instance>-head`.
    /// It is also the value of the `$LAB` placeholder.
    public var instance: String
    /// The instance's node names (`head`, `worker1`, ...).
    public var nodes: Set<String>
    /// The lab's user accounts.
    public var users: Set<String>
    /// Each user's grid-key passphrase, for `$PASSPHRASE`.
    public var passphrases: [String: String]
    /// Extra environment for host steps (`LAB`, `LAB_FILE`, `PATH`).
    public var hostEnvironment: [String: String]

    public init(instance: String, nodes: Set<String>, users: Set<String>, passphrases: [String: String] = [:],
                hostEnvironment: [String: String] = [:]) {
        self.instance = instance
        self.nodes = nodes
        self.users = users
        self.passphrases = passphrases
        self.hostEnvironment = hostEnvironment
    }

    public func domain(_ node: String) -> String { "\(instance)-\(node)" }

    /// `$LAB` and `$PASSPHRASE` (the step user's) replaced by their values.
    public func substitute(_ text: String, user: String?) -> String {
        var text = text.replacingOccurrences(of: "$LAB", with: instance)
        if let user, let passphrase = passphrases[user] {
            text = text.replacingOccurrences(of: "$PASSPHRASE", with: passphrase)
        }
        return text
    }
}

/// One step that passed.
public struct StepOutcome: Sendable, Codable, Equatable {
    public var step: Int
    public var line: Int
    public var target: String
    public var seconds: Double
    public var attempts: Int
}

/// The first step whose output (or exit status) was not what the tutorial says.
public struct StepFailure: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    public var path: String
    /// The failing command's line (the block's line when the block itself failed).
    public var line: Int
    public var step: Int
    public var target: String
    public var message: String
    /// Expected vs actual, ready to print.
    public var excerpt: [String]

    public var description: String {
        (["\(path):\(line): step \(step) (\(target)): \(message)"] + excerpt.map { "  " + $0 }).joined(separator: "\n")
    }
}

/// A tutorial's result.
public struct TutorialOutcome: Sendable, Codable, Equatable {
    public var path: String
    public var passed: [StepOutcome]
    public var failure: StepFailure?
    public var seconds: Double
    public var ok: Bool { failure == nil }
}

/// Runs a tutorial's steps in order against a lab and stops at the first that does not match.
public struct TutorialChecker {
    public let runner: any StepRunner
    public let context: TutorialContext
    /// Called as each step passes.
    public var onPass: (Tutorial, Step, StepOutcome) -> Void = { _, _, _ in }
    /// Seconds between attempts of a `retry=` step.
    public var retryDelay = 2.0

    public init(runner: any StepRunner, context: TutorialContext) {
        self.runner = runner
        self.context = context
    }

    /// Checks that every node, user and placeholder the tutorial uses exists in the lab.
    public func validate(_ tutorial: Tutorial) throws {
        for step in tutorial.steps {
            guard case let .node(node, user) = step.target else {
                if step.input?.contains("$PASSPHRASE") == true {
                    throw TutorialError(.lab, path: tutorial.path, line: step.line, "$PASSPHRASE needs a node block with user=")
                }
                continue
            }
            guard context.nodes.contains(node) else {
                throw TutorialError(.lab, path: tutorial.path, line: step.line, "the lab has no node '\(node)'",
                                    hint: "its nodes: \(context.nodes.sorted().joined(separator: ", "))")
            }
            if let user, !context.users.contains(user) {
                throw TutorialError(.lab, path: tutorial.path, line: step.line, "the lab has no user '\(user)'",
                                    hint: "its users: \(context.users.sorted().joined(separator: ", "))")
            }
            let usesPassphrase = (step.input ?? "").contains("$PASSPHRASE")
                || step.commands.contains { $0.expected.contains { $0.text.contains("$PASSPHRASE") } }
            if usesPassphrase, user.flatMap({ context.passphrases[$0] }) == nil {
                throw TutorialError(.lab, path: tutorial.path, line: step.line,
                                    "no passphrase for '\(user ?? "root")' on the instructor's sheet")
            }
        }
    }

    public func check(_ tutorial: Tutorial) -> TutorialOutcome {
        let started = Date()
        let script = StepScript(session: String(UInt32.random(in: 0...UInt32.max), radix: 16))
        var passed: [StepOutcome] = []
        var failure: StepFailure?
        for step in tutorial.steps {
            switch run(step, in: tutorial, script: script) {
            case let .success(outcome):
                passed.append(outcome)
                onPass(tutorial, step, outcome)
            case let .failure(stepFailure):
                failure = stepFailure
            }
            if failure != nil { break }
        }
        cleanUp(tutorial, script: script)
        return TutorialOutcome(path: tutorial.path, passed: passed, failure: failure, seconds: Date().timeIntervalSince(started))
    }

    func run(_ step: Step, in tutorial: Tutorial, script: StepScript) -> Result<StepOutcome, StepFailure> {
        let started = Date()
        var attempts = 0
        while true {
            attempts += 1
            let result = attempt(step, in: tutorial, script: script)
            let elapsed = Date().timeIntervalSince(started)
            switch result {
            case .success:
                return .success(StepOutcome(step: step.number, line: step.line, target: step.label, seconds: elapsed, attempts: attempts))
            case let .failure(failure):
                guard let retry = step.retry, elapsed + retryDelay < retry else {
                    var failure = failure
                    if attempts > 1 { failure.message += " (after \(attempts) attempts in \(Int(elapsed.rounded())) s)" }
                    return .failure(failure)
                }
                Thread.sleep(forTimeInterval: retryDelay)
            }
        }
    }

    func attempt(_ step: Step, in tutorial: Tutorial, script: StepScript) -> Result<Void, StepFailure> {
        let user = step.user
        let input = step.input.map { context.substitute($0, user: user) + "\n" }
        let output: (status: Int32, output: String)
        do {
            switch step.target {
            case let .node(node, user):
                output = try runner.runOnNode(context.domain(node), user: user, script: script.script(for: step),
                                              input: input, timeout: step.timeout)
            case .host:
                output = try runner.runOnHost(script: script.script(for: step), input: input,
                                              environment: context.hostEnvironment, timeout: step.timeout)
            }
        } catch {
            return .failure(StepFailure(path: tutorial.path, line: step.line, step: step.number, target: step.label,
                                        message: "could not run: \(error)", excerpt: []))
        }
        return evaluate(step, in: tutorial, output: output.output, user: user)
    }

    /// Compares each command's piece of output and exit status with the block.
    func evaluate(_ step: Step, in tutorial: Tutorial, output: String, user: String?) -> Result<Void, StepFailure> {
        let (pieces, rest) = StepScript.pieces(of: output)
        for (index, command) in step.commands.enumerated() {
            func fail(_ message: String, _ excerpt: [String]) -> Result<Void, StepFailure> {
                .failure(StepFailure(path: tutorial.path, line: command.line, step: step.number, target: step.label,
                                     message: message, excerpt: excerpt))
            }
            guard index < pieces.count else {
                return fail("the block ended before this command finished",
                            TutorialReport.excerpt(command: command, expected: [], actual: rest, mismatch: nil, status: nil))
            }
            let piece = pieces[index]
            let expected = command.expected.map { context.substitute($0.text, user: user) }
            let wantedStatus = index == step.commands.count - 1 ? step.exitStatus : 0
            if let mismatch = OutputMatcher.mismatch(expected: expected, actual: piece.lines) {
                return fail("output does not match",
                            TutorialReport.excerpt(command: command, expected: expected, actual: piece.lines,
                                                   mismatch: mismatch, status: piece.status))
            }
            if piece.status != wantedStatus {
                return fail("exit status \(piece.status), expected \(wantedStatus)",
                            TutorialReport.excerpt(command: command, expected: expected, actual: piece.lines,
                                                   mismatch: nil, status: piece.status))
            }
        }
        return .success(())
    }

    /// Removes the session files the tutorial's blocks left on each node and user.
    func cleanUp(_ tutorial: Tutorial, script: StepScript) {
        var places: [String] = []
        for step in tutorial.steps where !places.contains(step.label) {
            places.append(step.label)
            switch step.target {
            case let .node(node, user):
                _ = try? runner.runOnNode(context.domain(node), user: user, script: script.cleanup, input: nil, timeout: 30)
            case .host:
                _ = try? runner.runOnHost(script: script.cleanup, input: nil, environment: [:], timeout: 30)
            }
        }
    }
}
