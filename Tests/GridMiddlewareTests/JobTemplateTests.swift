import Testing
@testable import GridMiddleware

struct JobTemplateTests {
    static let full = """
        # every key
        NAME = sweep
        EXECUTABLE = bin/sim
        ARGUMENTS = -n ${TASK_ID} -p "${PARAM}"
        ENVIRONMENT = A=1, B="two, three", C = x
        INPUT_FILES = data.in, params.${TASK_ID} params, gsiftp://head/data/big big
        OUTPUT_FILES = out.txt, result result.${TASK_ID}
        STDIN_FILE = input.txt
        STDOUT_FILE = out.${JOB_ID}
        STDERR_FILE = err.${JOB_ID}
        REQUIREMENTS = ARCH = "x86_64" & CPU_MHZ > 1000;
        RANK = CPU_MHZ * 2 + FREE_MEM_MB
        RESCHEDULE_ON_FAILURE = no
        NUMBER_OF_RETRIES = 3
        RESCHEDULING_INTERVAL = 60
        SUSPENSION_TIMEOUT = 300
        CPULOAD_THRESHOLD = 70
        TYPE = MPI
        NP = 4
        DEADLINE = 1:02:30
        JOB_DEPENDENCIES = "3 4"
        """

    @Test func readsEveryKey() throws {
        let t = try JobTemplate.parse(Self.full, file: "/home/alice/sweep.jt")
        #expect(t.name == "sweep")
        #expect(t.executable == "bin/sim")
        #expect(t.arguments == "-n ${TASK_ID} -p \"${PARAM}\"")
        #expect(t.environment == [.init("A", "1"), .init("B", "two, three"), .init("C", "x")])
        #expect(t.inputFiles == [.init("data.in"), .init("params.${TASK_ID}", "params"), .init("gsiftp://head/data/big", "big")])
        #expect(t.outputFiles == [.init("out.txt"), .init("result", "result.${TASK_ID}")])
        #expect((t.stdinFile, t.stdoutFile, t.stderrFile) == ("input.txt", "out.${JOB_ID}", "err.${JOB_ID}"))
        #expect(t.requirements.source == "ARCH = \"x86_64\" & CPU_MHZ > 1000;")
        #expect(t.requirements.matches(["ARCH": "x86_64", "CPU_MHZ": 2000]))
        #expect(t.rank.evaluate(["CPU_MHZ": 1000, "FREE_MEM_MB": 5], hostPriority: 1) == 2005)
        #expect(!t.rescheduleOnFailure)
        #expect((t.numberOfRetries, t.reschedulingInterval, t.suspensionTimeout, t.cpuloadThreshold) == (3, 60, 300, 70))
        #expect(t.type == .mpi && t.np == 4)
        #expect(t.deadline == ((1 * 24 + 2) * 60 + 30) * 60)
        #expect(t.dependencies == [3, 4])
    }

    @Test func appliesGridWayDefaults() throws {
        let t = try JobTemplate.parse("EXECUTABLE = /bin/ls\n", file: "jt")
        #expect(t.name == "jt")
        #expect((t.stdinFile, t.stdoutFile, t.stderrFile) == ("/dev/null", "stdout.${JOB_ID}", "stderr.${JOB_ID}"))
        #expect(t.requirements == .always && t.rank.root == nil)
        #expect(t.rescheduleOnFailure && t.numberOfRetries == 1)
        #expect((t.reschedulingInterval, t.suspensionTimeout, t.cpuloadThreshold) == (0, 600, 50))
        #expect(t.type == .single && t.np == 1 && t.deadline == 0 && t.dependencies.isEmpty)
    }

    @Test func nameDefaultsToTheTemplateFileName() throws {
        #expect(try JobTemplate.parse("EXECUTABLE = a\n", file: "/x/y/job.jt").name == "job.jt")
        #expect(try JobTemplate.parse("EXECUTABLE = a\n", file: "stdin").name == "stdin")
    }

    @Test func userKeysOverrideTheSiteDefaults() throws {
        let site = try JobTemplate.parseDefaults("""
            STDOUT_FILE = site.out
            NUMBER_OF_RETRIES = 5
            RANK = CPU_MHZ
            """)
        let t = try JobTemplate.parse("EXECUTABLE = a\nNUMBER_OF_RETRIES = 2\nRANK =\n", file: "jt", defaults: site)
        #expect(t.stdoutFile == "site.out")
        #expect(t.numberOfRetries == 2)
        #expect(t.rank.source == "CPU_MHZ", "an unquoted empty value keeps the default")
        let reset = try JobTemplate.parse("EXECUTABLE = a\nRANK = \"\"\n", file: "jt", defaults: site)
        #expect(reset.rank.root == nil, "a quoted empty value resets to the built-in default")
    }

    @Test func readsGridWaysOwnDefaultFileWithWarnings() throws {
        let gridway = """
            EXECUTABLE  =
            ARGUMENTS   =
            STDIN_FILE  = /dev/null
            STDOUT_FILE = stdout.${JOB_ID}
            RESTART_FILES       =
            CHECKPOINT_INTERVAL = 0
            RESCHEDULING_THRESHOLD = 300
            WRAPPER               = libexec/gw_wrapper.sh
            RESCHEDULE_ON_FAILURE = yes
            NUMBER_OF_RETRIES     = 1
            """
        let (t, warnings) = try JobTemplate.parseDefaultsReporting(gridway)
        #expect(t.executable == nil && t.numberOfRetries == 1)
        #expect(warnings.map(\.location.line) == [5, 6, 7, 8])
        #expect(warnings[3].description == "job_template.default:8:1: warning: WRAPPER is a GridWay key that vgrid ignores")
    }

    @Test func warnsAboutAKeySetTwice() throws {
        let (t, warnings) = try JobTemplate.parseReporting("EXECUTABLE = a\nNP = 2\nNP = 3\n", file: "jt")
        #expect(t.np == 3)
        #expect(warnings.count == 1 && warnings[0].message.contains("first on line 2"))
    }

    @Test func requiresAnExecutable() {
        let error = middlewareError { try JobTemplate.parse("NAME = x\n", file: "x.jt") }
        #expect(error.code == .missingKey && error.message == "EXECUTABLE is not set")
    }

    @Test func namesTheUnknownKeyAndLineWithASuggestion() {
        let error = middlewareError { try JobTemplate.parse("EXECUTABLE = a\n\nARGUMENT = -l\n", file: "x.jt") }
        #expect(error.code == .unknownKey)
        #expect(error.location == TextLocation(file: "x.jt", line: 3, column: 1))
        #expect(error.description == "x.jt:3:1: error: unknown key 'ARGUMENT' in job template\n  hint: did you mean 'ARGUMENTS'?")
    }

    @Test func suggestsTheUpperCaseKeyForALowerCaseOne() {
        let error = middlewareError { try JobTemplate.parse("executable = a\n", file: "x.jt") }
        #expect(error.hint == "did you mean 'EXECUTABLE'?")
    }

    @Test(arguments: [
        ("NP = four", "NP: expected a whole number, found 'four'"),
        ("NP = 0", "NP: 0 is out of range"),
        ("NUMBER_OF_RETRIES = -1", "NUMBER_OF_RETRIES: expected a whole number, found '-1'"),
        ("CPULOAD_THRESHOLD = 101", "CPULOAD_THRESHOLD: 101 is out of range"),
        ("RESCHEDULE_ON_FAILURE = maybe", "RESCHEDULE_ON_FAILURE: expected yes or no, found 'maybe'"),
        ("TYPE = parallel", "TYPE: unknown job type 'parallel'"),
        ("DEADLINE = 1:2:3:4", "DEADLINE: expected [[days:]hours:]minutes, found '1:2:3:4'"),
        ("JOB_DEPENDENCIES = 3 x", "JOB_DEPENDENCIES: 'x' is not a job id"),
        ("ENVIRONMENT = A", "ENVIRONMENT: 'A' has no '='"),
        ("ENVIRONMENT = 1A=2", "ENVIRONMENT: '1A' is not a variable name"),
        ("INPUT_FILES = a b c", "INPUT_FILES: 'a b c' has 3 names"),
    ])
    func namesTheLineAndKeyOfABadValue(line: String, message: String) {
        let error = middlewareError { try JobTemplate.parse("EXECUTABLE = a\n\(line)\n", file: "x.jt") }
        #expect(error.code == .invalidValue)
        #expect(error.message == message)
        #expect(error.location?.line == 2)
    }

    @Test func acceptsYesNoInAnyCaseAndShortDeadlines() throws {
        let t = try JobTemplate.parse("EXECUTABLE = a\nRESCHEDULE_ON_FAILURE = YES\nDEADLINE = 90\n", file: "jt")
        #expect(t.rescheduleOnFailure && t.deadline == 90 * 60)
        #expect(try JobTemplate.parse("EXECUTABLE = a\nDEADLINE = 2:30\n", file: "jt").deadline == 150 * 60)
    }

    @Test func placesAnExpressionErrorAtTheTemplatesColumn() {
        let error = middlewareError { try JobTemplate.parse("EXECUTABLE = a\nREQUIREMENTS = CPU_MHZ >= 1000\n", file: "x.jt") }
        #expect(error.code == .expressionSyntax)
        #expect(error.location == TextLocation(file: "x.jt", line: 2, column: 24))
        #expect(error.expression?.column == 9)
        #expect(error.description == """
            x.jt:2:24: error: REQUIREMENTS: '>=' is not an operator here
              CPU_MHZ >= 1000
                      ^
              hint: GridWay has only > and <: write VAR > N-1, or !(VAR < N)
            """)
    }

    @Test func rejectsStagedNamesThatLeaveTheJobDirectory() {
        let cases = ["INPUT_FILES = a ../../etc/passwd", "INPUT_FILES = a /tmp/x", "OUTPUT_FILES = ../secret",
                     "OUTPUT_FILES = /etc/shadow copy", "EXECUTABLE = .."]
        for line in cases {
            let error = middlewareError { try JobTemplate.parse("EXECUTABLE = a\n\(line)\n", file: "x.jt") }
            #expect(error.code == .unsafePath, "\(line)")
            #expect(error.location?.line == 2, "\(line)")
        }
    }

    @Test func acceptsAbsoluteInputsAndOutputDestinationsOnTheHeadNode() throws {
        let t = try JobTemplate.parse("""
            EXECUTABLE = /usr/bin/python3
            INPUT_FILES = /scratch/shared.db, file:///home/alice/in.txt in.txt
            OUTPUT_FILES = out.txt ../results/out.txt, log file:///tmp/log
            """, file: "jt")
        #expect(t.executableLocation == .absolute("/usr/bin/python3"))
        #expect(try FileLocation(parsing: t.inputFiles[0].source) == .absolute("/scratch/shared.db"))
        #expect(t.outputFiles[0].destination == "../results/out.txt")
    }

    @Test func rejectsAnUnsupportedURL() {
        let error = middlewareError { try JobTemplate.parse("EXECUTABLE = http://x/a\n", file: "x.jt") }
        #expect(error.code == .invalidValue && error.message.hasPrefix("EXECUTABLE: unsupported URL scheme 'http'"))
    }

    @Test func rejectsAnIndexOnATemplateKey() {
        #expect(middlewareError { try JobTemplate.parse("EXECUTABLE[x] = a\n", file: "x.jt") }.code == .syntax)
    }
}
