import Foundation
import Testing

/// The unprivileged account jobs and transfers run as (shared with GridExecTests); made when missing.
enum TestUser {
    static let name = "vgrid-exec-test"

    static let ensured: Bool = {
        if getpwnam(name) != nil { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/useradd")
        process.arguments = ["-m", name]
        try? process.run()
        process.waitUntilExit()
        return getpwnam(name) != nil
    }()

    static func ensure() throws {
        try #require(getuid() == 0, "the gatekeeper tests run jobs as another user and must run as root")
        try #require(ensured, "useradd -m \(name) failed")
    }

    static var uid: uid_t { getpwnam(name)!.pointee.pw_uid }
}

/// Polls `condition` every 20 ms for up to `seconds`; whether it became true.
func eventually(within seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
