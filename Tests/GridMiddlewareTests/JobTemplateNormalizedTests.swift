import Testing
@testable import GridMiddleware

struct JobTemplateNormalizedTests {
    @Test func writesEveryKeyWithDefaults() throws {
        let t = try JobTemplate.parse("EXECUTABLE = /bin/ls\nARGUMENTS = -l # long\n", file: "jt")
        #expect(t.normalized() == """
            NAME                  = jt
            EXECUTABLE            = /bin/ls
            ARGUMENTS             = -l
            ENVIRONMENT           =
            INPUT_FILES           =
            OUTPUT_FILES          =
            STDIN_FILE            = /dev/null
            STDOUT_FILE           = stdout.${JOB_ID}
            STDERR_FILE           = stderr.${JOB_ID}
            REQUIREMENTS          =
            RANK                  =
            RESCHEDULE_ON_FAILURE = yes
            NUMBER_OF_RETRIES     = 1
            RESCHEDULING_INTERVAL = 0
            SUSPENSION_TIMEOUT    = 600
            CPULOAD_THRESHOLD     = 50
            TYPE                  = single
            NP                    = 1
            DEADLINE              = 0:00:00
            JOB_DEPENDENCIES      =

            """)
    }

    @Test func readsBackToTheSameTemplate() throws {
        let t = try JobTemplate.parse(JobTemplateTests.full + "\nARGUMENTS = \"  padded # not a comment \"\n", file: "jt")
        let again = try JobTemplate.parse(t.normalized(), file: "other")
        #expect(again == t)
        #expect(again.arguments == "  padded # not a comment ")
    }

    @Test func quotesEnvironmentValuesThatNeedIt() throws {
        let t = try JobTemplate.parse("EXECUTABLE = a\nENVIRONMENT = A=1, B=\"two words\", C=\"\"\n", file: "jt")
        #expect(t.text(for: .environment) == "A=1, B=\"two words\", C=\"\"")
        #expect(try JobTemplate.parse(t.normalized(), file: "jt").environment == t.environment)
    }
}
