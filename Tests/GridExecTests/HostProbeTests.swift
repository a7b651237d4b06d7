import Foundation
import GridMiddleware
import Testing
@testable import GridExec

struct HostProbeTests {
    @Test func measuresPlausibleValuesOfThisHost() async throws {
        let probe = HostProbe(diskPath: "/tmp/vgrid-exec-tests/not/there/yet", cpuSampleInterval: .milliseconds(100))
        let a = await probe.attributes(slots: Slots(total: 4, used: 1))
        let hostname = try output("/bin/hostname").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(a.string("HOSTNAME") == hostname)
        #expect(a.string("ARCH") == (try output("/bin/uname", ["-m"])).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(a.string("OS_NAME") == "Linux")
        #expect(a.string("OS_VERSION") == (try output("/bin/uname", ["-r"])).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(a.string("CPU_MODEL")?.isEmpty == false)
        for name in ["CPU_MHZ", "CPU_SMP", "SIZE_MEM_MB", "FREE_MEM_MB", "SIZE_DISK_MB", "FREE_DISK_MB"] {
            #expect((a.integer(name) ?? 0) > 0, "\(name) = \(String(describing: a[name]))")
        }
        #expect(try #require(a.integer("FREE_MEM_MB")) <= (try #require(a.integer("SIZE_MEM_MB"))))
        #expect(try #require(a.integer("FREE_DISK_MB")) <= (try #require(a.integer("SIZE_DISK_MB"))))
        #expect((0...100).contains(try #require(a.integer("CPU_FREE"))))
        #expect(a.integer("NODECOUNT") == 4)
        #expect(a.integer("QUEUE_FREENODECOUNT") == 3)
        let status = HostStatus(id: 0, priority: 1, usedSlots: 1, attributes: a)
        #expect(status.lrms == "fork")
        #expect(status.totalNodes == 4)
    }

    @Test func readsX86CPUInfo() {
        let text = """
            processor\t: 0
            model name\t: QEMU Virtual CPU version 2.5+
            cpu MHz\t\t: 2399.998

            processor\t: 1
            model name\t: QEMU Virtual CPU version 2.5+
            cpu MHz\t\t: 2399.998
            """
        let info = HostProbe.parseCPUInfo(text)
        #expect(info.model == "QEMU Virtual CPU version 2.5+")
        #expect(info.mhz == 2400)
        #expect(info.processors == 2)
    }

    @Test func readsCPUInfoWithoutModelNameOrClock() {
        let info = HostProbe.parseCPUInfo("processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd03\n")
        #expect(info.model == nil)
        #expect(info.mhz == nil)
        #expect(info.processors == 1)
    }

    @Test func readsMemInfoWithAndWithoutMemAvailable() throws {
        let modern = try #require(HostProbe.parseMemInfo("MemTotal: 2048000 kB\nMemFree: 100000 kB\nMemAvailable: 1024000 kB\n"))
        #expect(modern.totalMB == 2000)
        #expect(modern.availableMB == 1000)
        let old = try #require(HostProbe.parseMemInfo("MemTotal: 1024000 kB\nMemFree: 102400 kB\nBuffers: 102400 kB\nCached: 102400 kB\n"))
        #expect(old.availableMB == 300)
        #expect(HostProbe.parseMemInfo("nothing") == nil)
    }

    @Test func computesCPUFreeFromTwoSamples() throws {
        let first = try #require(HostProbe.parseCPUTimes("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n"))
        #expect(first.idle == 800)
        #expect(first.total == 1000)
        let second = try #require(HostProbe.parseCPUTimes("cpu  250 0 150 800 100 0 0 0 0 0\n"))
        #expect(HostProbe.cpuFreePercent(from: first, to: second) == 33)
        #expect(HostProbe.cpuFreePercent(from: nil, to: first) == 80)
    }

    @Test(.enabled(if: TestUser.canSwitchUsers, "needs root"))
    func theRunnerPublishesItsSlots() async throws {
        let fixture = try ExecFixture(slots: 3)
        let a = await fixture.runner.hostAttributes(probe: HostProbe(hostname: "testnode", diskPath: fixture.base,
                                                                      cpuSampleInterval: .zero))
        #expect(a.string("HOSTNAME") == "testnode")
        #expect(a.integer("NODECOUNT") == 3)
        #expect(a.integer("QUEUE_FREENODECOUNT") == 3)
    }
}
