import Foundation
import GridTools
import GridWire
import Testing
@testable import GridCommands

@Suite(.serialized) struct GwDagTests {
    /// A DAG directory: A before B and C, B's template in a subfolder, scripts that leave traces.
    static func dagDirectory(preStatus: Int = 0) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let files = [
            "flow.dag": """
                # a diamond without its bottom
                JOB A a.jt
                JOB B sub/b.jt
                JOB C c.jt
                JOB D d.jt
                PARENT A CHILD B C
                PARENT B CHILD D
                SCRIPT PRE B pre.sh $JOB
                SCRIPT POST C post.sh $JOB $JOBID $RETURN

                """,
            "a.jt": "EXECUTABLE = /bin/true\n", "sub/b.jt": "EXECUTABLE = b.sh\n", "c.jt": "EXECUTABLE = /bin/false\n",
            "d.jt": "EXECUTABLE = /bin/date\n",
            "pre.sh": "#!/bin/sh\necho \"pre $1\" > pre.out\necho preparing\nexit \(preStatus)\n",
            "post.sh": "#!/bin/sh\necho \"post $*\" > post.out\n",
        ]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            if name.hasSuffix(".sh") { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
        }
        return directory
    }

    /// Numbers submissions from 20; each wait ends the lowest job, failing the template whose text says /bin/false.
    static func answer(failing: String = "/bin/false") -> FakeGwd.Answer {
        let state = DagGwdState()
        return { request in
            switch request {
            case .submit(let submit):
                return .submitted(SubmitResult(jobIDs: [state.submit(failed: submit.template.contains(failing))]))
            case .wait(let wait):
                let id = try #require(wait.ids.min())
                return .waited(WaitResult(jobs: [state.failed(id) ? JobExit(id: id, state: "fail") : JobExit(id: id, state: "done", exitCode: 0)]))
            default:
                throw unexpected(request)
            }
        }
    }

    /// A file the scripts wrote, or nil.
    static func read(_ directory: URL, _ name: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func dotPrintsTheGraphWithoutGwd() async throws {
        let directory = try Self.dagDirectory()
        let result = await run(GwDag.self, ["--dot", directory.appendingPathComponent("flow.dag").path], environment: [:])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("digraph \"flow\" {\n"))
        #expect(result.output.contains("  \"A\" -> \"B\";\n  \"A\" -> \"C\";\n  \"B\" -> \"D\";\n"))
        let short = await run(GwDag.self, ["-d", directory.appendingPathComponent("flow.dag").path], environment: [:])
        #expect(short.output == result.output)
    }

    @Test func submitsInOrderWithParentsAsDependenciesAndRunsScripts() async throws {
        let directory = try Self.dagDirectory()
        try await FakeGwd.with(Self.answer(failing: "never")) { gwd in
            let result = await run(GwDag.self, ["-v", directory.appendingPathComponent("flow.dag").path], environment: gwd.environment)
            #expect(result.status == 0, "\(result.errors)")
            let sent = gwd.submissions
            #expect(sent.map(\.template) == ["EXECUTABLE = /bin/true\n", "EXECUTABLE = b.sh\n", "EXECUTABLE = /bin/false\n", "EXECUTABLE = /bin/date\n"])
            #expect(sent.map(\.options.dependencies) == [[], [20], [20], [21]])
            #expect(sent[1].options.workingDirectory == directory.appendingPathComponent("sub").standardizedFileURL.path)
            #expect(sent[1].templateName == "b.jt")
            #expect(sent.allSatisfy { $0.proxy == GridWayTestLab.shared.proxyText })
            #expect(gwd.waits.count == 4)
            #expect(gwd.waits.allSatisfy { $0.any && $0.keep })
            #expect(Self.read(directory, "pre.out") == "pre B\n")
            #expect(Self.read(directory, "post.out") == "post C 22 0\n")
            #expect(result.errors.contains("preparing\n"))
            #expect(result.output.contains("gwdag: B: submitted as job 21\n"))
            #expect(result.output.hasSuffix("""
                NAME            JID  STATE EXIT NOTE
                A               20   done  0
                B               21   done  0
                C               22   done  0
                D               23   done  0

                """))
        }
    }

    @Test func aFailedJobFailsTheDag() async throws {
        let directory = try Self.dagDirectory()
        try await FakeGwd.with(Self.answer()) { gwd in
            let result = await run(GwDag.self, [directory.appendingPathComponent("flow.dag").path], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(result.output.contains("C               22   fail  --   gwps -f 22 shows why\n"))
            #expect(result.errors.contains("FAILED: 1 of 4 DAG jobs did not succeed: C\n"))
            // POST still ran, with gwd's missing exit code as -1.
            #expect(Self.read(directory, "post.out") == "post C 22 -1\n")
        }
    }

    @Test func aFailingPreScriptKeepsTheJobAndItsChildrenFromGwd() async throws {
        let directory = try Self.dagDirectory(preStatus: 3)
        try await FakeGwd.with(Self.answer(failing: "never")) { gwd in
            let result = await run(GwDag.self, [directory.appendingPathComponent("flow.dag").path], environment: gwd.environment)
            #expect(result.status != 0)
            #expect(gwd.submissions.map(\.template) == ["EXECUTABLE = /bin/true\n", "EXECUTABLE = /bin/false\n"])
            #expect(result.output.contains("B               --   fail  --   PRE script exited 3\n"))
            #expect(result.output.contains("D               --   skip  --   parent B was not submitted\n"))
            #expect(result.errors.contains("FAILED: 2 of 4 DAG jobs did not succeed: B D\n"))
        }
    }

    @Test func aBadDagFileIsReportedWithItsLine() async throws {
        let directory = try Self.dagDirectory()
        let file = directory.appendingPathComponent("bad.dag")
        try "JOB A a.jt\nPARENT A CHILD Z\n".write(to: file, atomically: true, encoding: .utf8)
        let result = await run(GwDag.self, [file.path], environment: [:])
        #expect(result.status != 0)
        #expect(result.errors.hasPrefix("FAILED: \(file.path):2: "))
        let missing = await run(GwDag.self, ["/nonexistent/x.dag"], environment: [:])
        #expect(missing.errors.hasPrefix("FAILED: the DAG file /nonexistent/x.dag does not exist"))
    }
}

/// The test gwd's job numbering for DAG runs.
private final class DagGwdState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 20
    private var failing: Set<Int> = []

    func submit(failed: Bool) -> Int {
        lock.withLock {
            defer { next += 1 }
            if failed { failing.insert(next) }
            return next
        }
    }

    func failed(_ id: Int) -> Bool { lock.withLock { failing.contains(id) } }
}
