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
        var times: [Double] = []
        for _ in 0..<21 {
            var status: Int32 = 0
            let elapsed = try Self.seconds {
                let submit = try grid.run(grid.alice, "gwsubmit", ["-v", "true.jt"])
                let id = try #require(LoopbackGrid.ids(in: submit.output).first)
                status = try grid.run(grid.alice, "gwwait", [String(id)]).status
            }
            #expect(status == 0)
            times.append(elapsed)
        }
        times.sort()
        Self.report(String(format: "trivial job gwsubmit->done (incl. both commands' start and TLS): median %.0f ms, min %.0f ms (goal 100 ms)",
                           times[times.count / 2] * 1000, times[0] * 1000))
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

    @Test func gwpsWithTenThousandJobs() throws {
        try grid.put(grid.bob, "held.jt", "EXECUTABLE = /bin/true\n")
        let submit = try grid.run(grid.bob, "gwsubmit", ["-v", "-o", "-n", "10000", "held.jt"])
        let ids = LoopbackGrid.ids(in: submit.output)
        #expect(ids.count == 10000)
        var lines = 0
        let elapsed = try Self.seconds {
            lines = try grid.run(grid.bob, "gwps", ["-n"]).output.split(separator: "\n").count
        }
        #expect(lines >= 10000)
        Self.report(String(format: "gwps with %d jobs known: %.2f s (goal 0.5 s)", lines, elapsed))
        _ = try grid.run(grid.bob, "gwkill", ["-A", String(try #require(Self.arrayID(submit.output)))])
    }

    static func arrayID(_ output: String) -> Int? {
        output.split(separator: "\n").first { $0.hasPrefix("ARRAY ID:") }
            .flatMap { Int($0.dropFirst("ARRAY ID:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
