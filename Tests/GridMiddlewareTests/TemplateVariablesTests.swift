import Testing
@testable import GridMiddleware

struct TemplateVariablesTests {
    let task = TemplateVariables(jobID: 12, arrayID: 3, taskID: 4, totalTasks: 10, paramStart: 100, paramIncrement: 5,
                                 arch: "x86_64", environment: [.init("DATA", "/data/set1")])

    @Test func substitutesEveryGridWayVariable() {
        #expect(task.substitute("${JOB_ID} ${ARRAY_ID} ${TASK_ID} ${TOTAL_TASKS} ${PARAM} ${MAX_PARAM} ${ARCH}")
            == "12 3 4 10 120 145 x86_64")
    }

    @Test func substitutesEnvironmentNamesAndLeavesUnknownOnes() {
        #expect(task.substitute("${DATA}/in ${HOME} ${X") == "/data/set1/in ${HOME} ${X")
    }

    @Test func aSingleJobHasArrayMinusOneAndZeroParams() {
        let single = TemplateVariables(jobID: 7)
        #expect(single.substitute("${ARRAY_ID} ${TASK_ID} ${TOTAL_TASKS} ${PARAM} ${MAX_PARAM}") == "-1 0 0 0 0")
        #expect(single.substitute("bin.${ARCH}") == "bin.${ARCH}", "ARCH stays until a host is chosen")
    }

    @Test func appliesToTheSubstitutedFields() throws {
        let t = try JobTemplate.parse("""
            EXECUTABLE = bin.${ARCH}
            ARGUMENTS = ${PARAM}
            INPUT_FILES = in.${TASK_ID} in
            OUTPUT_FILES = out out.${TASK_ID}
            ENVIRONMENT = RUN=${JOB_ID}
            REQUIREMENTS = HOSTNAME = "${ARCH}"
            """, file: "jt")
        let out = task.apply(to: t)
        #expect(out.executable == "bin.x86_64" && out.arguments == "120")
        #expect(out.inputFiles == [.init("in.4", "in")] && out.outputFiles == [.init("out", "out.4")])
        #expect(out.stdoutFile == "stdout.12" && out.stderrFile == "stderr.12")
        #expect(out.environment == [.init("RUN", "12")])
        #expect(out.requirements.source == "HOSTNAME = \"${ARCH}\"", "REQUIREMENTS is not substituted")
    }

    @Test func rechecksPathsAfterSubstitution() throws {
        let t = try JobTemplate.parse("EXECUTABLE = a\nENVIRONMENT = D=..\nINPUT_FILES = x ${D}/x\n", file: "jt")
        let error = middlewareError { try TemplateVariables(jobID: 1, environment: t.environment).applyChecked(to: t) }
        #expect(error.code == .unsafePath)
    }

    @Test func exportsTheGWVariables() {
        let env = task.gridWayEnvironment(hostname: "worker1", user: "alice", restarted: 2)
        #expect(env.map { "\($0.name)=\($0.value)" } == [
            "GW_JOB_ID=12", "GW_TASK_ID=4", "GW_ARRAY_ID=3", "GW_TOTAL_TASKS=10", "GW_PARAM=120",
            "GW_HOSTNAME=worker1", "GW_USER=alice", "GW_RESTARTED=2",
        ])
    }
}
