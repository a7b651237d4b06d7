import Testing
@testable import GridMiddleware

struct DagFileTests {
    static let workflow = """
        # Filename: workflow.dag
        JOB  A  A.jt
        JOB  B  B.jt
        JOB  C  C.jt DONE
        JOB  D  D.jt
        SCRIPT PRE B prepare.sh --fast "x y"
        SCRIPT POST d collect.sh
        PARENT A CHILD B C
        PARENT B C CHILD D
        """

    @Test func readsJobsLinksAndScripts() throws {
        let dag = try DagFile.parse(Self.workflow, file: "workflow.dag")
        #expect(dag.jobs.map(\.name) == ["A", "B", "C", "D"])
        #expect(dag.jobs.map(\.template) == ["A.jt", "B.jt", "C.jt", "D.jt"])
        #expect(dag.job(named: "c")?.done == true && dag.job(named: "A")?.done == false)
        #expect(dag.parents(of: "D") == ["B", "C"] && dag.children(of: "A") == ["B", "C"])
        #expect(dag.job(named: "B")?.pre == DagFile.Script(program: "prepare.sh", arguments: "--fast \"x y\""))
        #expect(dag.job(named: "D")?.post == DagFile.Script(program: "collect.sh", arguments: ""))
    }

    @Test func ordersParentsBeforeChildren() throws {
        let dag = try DagFile.parse("""
            PARENT D CHILD B
            JOB B b.jt
            JOB A a.jt
            JOB D d.jt
            PARENT A CHILD D
            """)
        #expect(dag.topologicalOrder() == ["A", "D", "B"])
        #expect(try DagFile.parse(Self.workflow).topologicalOrder() == ["A", "B", "C", "D"])
    }

    @Test func namesTheJobsOfACycle() {
        let error = middlewareError {
            try DagFile.parse("JOB A a\nJOB B b\nJOB C c\nPARENT A CHILD B\nPARENT B CHILD C\nPARENT C CHILD A\n", file: "loop.dag")
        }
        #expect(error.code == .dependencyCycle)
        #expect(error.message == "the DAG has a cycle: A -> B -> C -> A")
        #expect(error.location == TextLocation(file: "loop.dag", line: 6))
    }

    @Test func aJobCannotDependOnItself() {
        #expect(middlewareError { try DagFile.parse("JOB A a\nPARENT A CHILD a\n") }.message == "the DAG has a cycle: A -> A")
    }

    @Test func rejectsUndefinedAndDuplicateJobs() {
        let unknown = middlewareError { try DagFile.parse("JOB Alpha a\nPARENT Alpha CHILD Alhpa\n") }
        #expect(unknown.code == .unknownName && unknown.location?.line == 2 && unknown.hint == "did you mean 'Alpha'?")
        let twice = middlewareError { try DagFile.parse("JOB A a\njob a b\n") }
        #expect(twice.code == .duplicateName && twice.message == "job 'a' is defined twice (first on line 1)")
        #expect(middlewareError { try DagFile.parse("JOB A a\nSCRIPT PRE A x\nSCRIPT PRE A y\n") }.code == .duplicateName)
    }

    @Test func rejectsMalformedLines() {
        #expect(middlewareError { try DagFile.parse("JOB A\n") }.code == .syntax)
        #expect(middlewareError { try DagFile.parse("JOB A a.jt LATER\n") }.code == .syntax)
        #expect(middlewareError { try DagFile.parse("JOB A a\nPARENT A\n") }.code == .syntax)
        #expect(middlewareError { try DagFile.parse("JOB A a\nPARENT CHILD A\n") }.code == .syntax)
        #expect(middlewareError { try DagFile.parse("JOB A a\nSCRIPT DURING A x\n") }.code == .syntax)
        let typo = middlewareError { try DagFile.parse("JOBS A a\n") }
        #expect(typo.message == "unknown statement 'JOBS'" && typo.hint == "did you mean 'JOB'?")
    }

    @Test func writesGraphvizDot() throws {
        let dag = try DagFile.parse(Self.workflow, file: "dags/workflow.dag")
        #expect(dag.dot() == """
            digraph "workflow" {
              node [shape=box];
              "A" [label="A\\nA.jt"];
              "B" [label="B\\nB.jt\\nPRE prepare.sh"];
              "C" [label="C\\nC.jt", style=filled, fillcolor=lightgray];
              "D" [label="D\\nD.jt\\nPOST collect.sh"];
              "A" -> "B";
              "A" -> "C";
              "B" -> "D";
              "C" -> "D";
            }

            """)
    }

    @Test func escapesQuotesInDot() throws {
        let dag = try DagFile.parse("JOB \"odd\" x.jt\n")
        #expect(dag.dot(graphName: "g").contains("\"\\\"odd\\\"\" [label=\"\\\"odd\\\"\\nx.jt\"];"))
    }
}

struct DagFileLineEndTests {
    @Test func acceptsWindowsLineEnds() throws {
        let dag = try DagFile.parse("JOB A a.jt\r\nJOB B b.jt\r\nPARENT A CHILD B\r\n")
        #expect(dag.jobs.map(\.template) == ["a.jt", "b.jt"] && dag.parents(of: "B") == ["A"])
    }
}
