import ArgumentParser
import Foundation
import LabModel
import Provisioning
import Tutorials

/// `vgrid tutorial`: terminal tutorials whose command blocks are checked against a live lab.
struct TutorialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutorial",
        abstract: "Check Markdown tutorials against a live lab, or list their steps.",
        discussion: "The convention for checkable blocks is in course-material/README.md.",
        subcommands: [TutorialCheck.self, TutorialList.self])
}

struct TutorialCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every step of the tutorials against a running lab, as the student would.",
        discussion: """
            Example: vgrid tutorial check course-material/0*.md labs/intro.yaml
            Tutorials run in the order given, on the same lab; the check stops at the first step \
            whose output or exit status differs and exits 1.
            """)

    @Argument(help: ArgumentHelp("Tutorial files (Markdown), then the lab file.", valueName: "FILE.md... LAB.yaml"))
    var paths: [String] = []

    @Option(help: "In a course, the student whose copy of the grid runs the steps.")
    var student: String?

    @Flag(help: "After a failing tutorial, go on with the next one.")
    var keepGoing = false

    @Flag(help: "Print the results as JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("give one or more tutorial files, then the lab file") }
        guard LabReference(text: paths.last!).isFile else { throw ValidationError("the last argument must be the lab file (LAB.yaml)") }
    }

    func run() throws {
        let tutorials = try readTutorials(Array(paths.dropLast()))
        let (lab, instance) = try reportingFailures { () throws -> (Lab, LabInstance) in
            let lab = try LabLoader.load(path: paths.last!)
            return (lab, try pickInstance(lab))
        }
        let context = TutorialContext(
            instance: instance.id, nodes: Set(instance.nodes.map(\.name)), users: Set(instance.users.map(\.name)),
            passphrases: readSheet(lab: lab.name), hostEnvironment: hostEnvironment(instance: instance.id, labFile: lab.sourcePath))
        let host = try reportingFailures { try LabHost(uri: connection.uri) }
        var checker = TutorialChecker(runner: AgentStepRunner(host: host), context: context)
        do {
            for tutorial in tutorials { try checker.validate(tutorial) }
        } catch let error as TutorialError {
            printError(error.description)
            throw ExitCode(65)
        }
        if !json {
            checker.onPass = { tutorial, step, outcome in
                let retried = outcome.attempts > 1 ? ", \(outcome.attempts) attempts" : ""
                print("  ok  \(tutorial.path):\(step.line)  step \(step.number) (\(step.label))  \(Self.duration(outcome.seconds))\(retried)")
                fflush(stdout)
            }
        }
        let started = Date()
        var outcomes: [TutorialOutcome] = []
        for tutorial in tutorials {
            if !json { print("\(tutorial.path): \(tutorial.steps.count) step(s)"); fflush(stdout) }
            let outcome = checker.check(tutorial)
            outcomes.append(outcome)
            if !json { report(outcome) }
            if !outcome.ok, !keepGoing { break }
        }
        let seconds = Date().timeIntervalSince(started)
        let failed = outcomes.filter { !$0.ok }.count
        let steps = outcomes.reduce(0) { $0 + $1.passed.count }
        if json {
            try printJSON(CheckReport(ok: failed == 0 && outcomes.count == tutorials.count, seconds: seconds, tutorials: outcomes))
        } else if failed == 0 {
            print("\(tutorials.count) tutorial(s) passed: \(steps) step(s) in \(Self.duration(seconds)) on lab '\(instance.id)'")
        } else {
            print("\(failed) of \(tutorials.count) tutorial(s) failed (\(steps) step(s) passed, \(Self.duration(seconds)))")
        }
        if failed > 0 { throw ExitCode(1) }
    }

    struct CheckReport: Encodable {
        var ok: Bool
        var seconds: Double
        var tutorials: [TutorialOutcome]
    }

    func report(_ outcome: TutorialOutcome) {
        fflush(stdout)
        if let failure = outcome.failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
        } else {
            print("\(outcome.path): all \(outcome.passed.count) step(s) passed in \(Self.duration(outcome.seconds))")
        }
        fflush(stdout)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1f s", seconds) : String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }

    func pickInstance(_ lab: Lab) throws -> LabInstance {
        if let student {
            guard let instance = lab.instances.first(where: { $0.student == student }) else {
                throw ValidationError("the course has no student '\(student)'")
            }
            return instance
        }
        guard lab.instances.count == 1 else {
            throw ValidationError("'\(lab.name)' is a course: choose whose grid runs the steps with --student NAME")
        }
        return lab.instances[0]
    }

    /// Passphrases from the instructor's sheet that `up` wrote (none if the lab CA is absent).
    func readSheet(lab: String) -> [String: String] {
        let path = StateStore().caDirectory(lab: lab) + "/instructor-sheet.txt"
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return InstructorSheet(text: String(decoding: data, as: UTF8.self)).passphrases
    }

    /// Host steps see the lab as `$LAB` and `$LAB_FILE`, and this vgrid first on `PATH` under
    /// its own name (a link in a private directory, whatever this binary is called).
    func hostEnvironment(instance: String, labFile: String) -> [String: String] {
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        var directory = URL(fileURLWithPath: selfPath).deletingLastPathComponent().path
        if URL(fileURLWithPath: selfPath).lastPathComponent != "vgrid" {
            let bin = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-tutorial-bin-\(getpid())")
            try? FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try? FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("vgrid").path, withDestinationPath: selfPath)
            directory = bin.path
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["LAB": instance, "LAB_FILE": labFile, "PATH": directory + ":" + path]
    }
}

struct TutorialList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print the checkable steps of tutorials, without running them.")

    @Argument(help: ArgumentHelp("Tutorial files (Markdown).", valueName: "FILE.md"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give one or more tutorial files") }
    }

    func run() throws {
        for tutorial in try readTutorials(files) {
            print("\(tutorial.path): \(tutorial.steps.count) step(s)")
            for step in tutorial.steps { print("  " + TutorialReport.summary(step)) }
        }
    }
}

/// Parses every file first, so a typo in the last one is reported before anything runs.
func readTutorials(_ paths: [String]) throws -> [Tutorials.Tutorial] {
    do {
        return try paths.map { try TutorialParser.load(path: $0) }
    } catch let error as TutorialError {
        printError(error.description)
        throw ExitCode(error.code == .unreadable ? 66 : 65)
    }
}

/// Runs node steps through the node's guest agent, as `vgrid exec NODE --user U -- sh -l -c` does.
struct AgentStepRunner: StepRunner {
    let host: LabHost

    func runOnNode(_ node: String, user: String?, script: String, input: String?, timeout: Double) throws -> (status: Int32, output: String) {
        let agent = try host.agent(domainName: node)
        var output: [UInt8] = []
        let status = try agent.runStreaming(["sh", "-l", "-c", script], user: user, input: input.map { Array($0.utf8) },
                                            timeoutSeconds: timeout,
                                            stdout: { output += $0 }, stderr: { output += $0 })
        return (status, String(decoding: output, as: UTF8.self))
    }
}
