import Foundation
import Testing

/// The middleware's numbers on loopback (2 gatekeepers x 2 slots), printed for `bench/middleware.sh`.
/// Not a pass/fail test of speed: it runs only with VGRID_BENCH=1 and fails only if the jobs fail.
@Suite("Middleware benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["VGRID_BENCH"] == "1" && getuid() == 0))
struct MiddlewareBenchmark {
    let grid = LoopbackGrid.shared

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    static func report(_ line: String) {
        print("BENCH \(line)")
    }

    @Test func trivialJobFromSubmitToDone() throws {
        try grid.put(grid.alice, "true.jt", "EXECUTABLE = /bin/true\nSTDOUT_FILE = /dev/null\nSTDERR_FILE = /dev/null\n")
        // Timed inside one shell, as a student's terminal runs the two commands: the test harness's
        // own process spawning (Foundation's Process closes every descriptor) is not the product's.
        let script = """
            for i in $(seq 21); do
              start=$(date +%s%N)
              id=$(gwsubmit -v true.jt | sed -n 's/JOB ID: *//p')
              submitted=$(date +%s%N)
              gwwait "$id" || exit 1
              done=$(date +%s%N)
              gwps -n -u "$USER" > /dev/null
              echo "$(( (submitted - start) / 1000 )) $(( (done - start) / 1000 )) $(( ($(date +%s%N) - done) / 1000 ))"
            done
            """
        let run = try grid.run(grid.alice, "/bin/sh", ["-c", script], raw: true)
        #expect(run.status == 0, "\(run.error)")
        let rows = run.output.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) }.map { $0 / 1000 } }
            .filter { $0.count == 3 }
        try #require(rows.count == 21, "\(run.output)")
        func median(_ column: Int) -> Double { rows.map { $0[column] }.sorted()[rows.count / 2] }
        Self.report(String(format: "trivial job gwsubmit->done (both commands' start and TLS included): median %.0f ms, min %.0f ms (goal 100 ms)",
                           median(1), rows.map { $0[1] }.min()!))
        Self.report(String(format: "  of which gwsubmit: median %.0f ms; one gwps (process start, TLS, one request): median %.0f ms",
                           median(0), median(2)))
    }

    @Test func thousandTaskArray() throws {
        try grid.put(grid.alice, "true.jt", "EXECUTABLE = /bin/true\nSTDOUT_FILE = /dev/null\nSTDERR_FILE = /dev/null\n")
        var status: Int32 = 0
        let elapsed = try Self.seconds {
            let submit = try grid.run(grid.alice, "gwsubmit", ["-v", "-n", "1000", "true.jt"])
            let ids = LoopbackGrid.ids(in: submit.output)
            #expect(ids.count == 1000)
            status = try grid.run(grid.alice, "gwwait", ids.map(String.init)).status
        }
        #expect(status == 0)
        Self.report(String(format: "1000-task array of /bin/true: all done in %.1f s (goal 20 s)", elapsed))
    }

    /// The array `bench/slurm.sh` compares with Slurm's `sbatch --array=0-499` on the same 4 slots.
    /// Timed inside one shell (like the trivial job), from gwsubmit's start until gwwait returns;
    /// the seconds also go to the file named by VGRID_BENCH_RESULT_500, if set.
    @Test func fiveHundredTaskArray() throws {
        try grid.put(grid.alice, "true.jt", "EXECUTABLE = /bin/true\nSTDOUT_FILE = /dev/null\nSTDERR_FILE = /dev/null\n")
        let script = """
            start=$(date +%s%N)
            ids=$(gwsubmit -v -n 500 true.jt | awk 'NF == 2 && $1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ { print $2 }')
            [ "$(echo "$ids" | wc -w)" -eq 500 ] || { echo "gwsubmit gave $(echo "$ids" | wc -w) ids" >&2; exit 1; }
            gwwait $ids || exit 1
            echo "$(( ($(date +%s%N) - start) / 1000 ))"
            """
        let run = try grid.run(grid.alice, "/bin/sh", ["-c", script], raw: true)
        try #require(run.status == 0, "\(run.output)\(run.error)")
        let micros = try #require(Double(run.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(run.output)")
        let elapsed = micros / 1_000_000
        Self.report(String(format: "500-task array of /bin/true: all done in %.2f s", elapsed))
        if let path = ProcessInfo.processInfo.environment["VGRID_BENCH_RESULT_500"], !path.isEmpty {
            try String(format: "%.3f\n", elapsed).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test func gwpsWithTenThousandJobs() throws {
        try grid.put(grid.bob, "held.jt", "EXECUTABLE = /bin/true\n")
        let submit = try grid.run(grid.bob, "gwsubmit", ["-v", "-o", "-n", "10000", "held.jt"])
        let ids = LoopbackGrid.ids(in: submit.output)
        #expect(ids.count == 10000)
        // Timed inside the shell, like the trivial job.
        let run = try grid.run(grid.bob, "/bin/sh", ["-c", """
            start=$(date +%s%N); lines=$(gwps -n | wc -l); echo "$lines $(( ($(date +%s%N) - start) / 1000 ))"
            """], raw: true)
        let fields = run.output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 2, "\(run.output)\(run.error)")
        let lines = fields[0]
        let elapsed = Double(fields[1]) / 1_000_000
        #expect(lines >= 10000)
        Self.report(String(format: "gwps with %d jobs known: %.2f s (goal 0.5 s)", lines, elapsed))
        _ = try grid.run(grid.bob, "gwkill", ["-A", String(try #require(Self.arrayID(submit.output)))])
    }

    static func arrayID(_ output: String) -> Int? {
        output.split(separator: "\n").first { $0.hasPrefix("ARRAY ID:") }
            .flatMap { Int($0.dropFirst("ARRAY ID:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
