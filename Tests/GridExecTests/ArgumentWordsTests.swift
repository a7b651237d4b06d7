import Foundation
import Testing
@testable import GridExec

struct ArgumentWordsTests {
    @Test func splitsLikeAShellWithoutExpanding() throws {
        #expect(try ArgumentWords.split("") == [])
        #expect(try ArgumentWords.split("  a\tb  c ") == ["a", "b", "c"])
        #expect(try ArgumentWords.split(#"'a b' "c d" e\ f"#) == ["a b", "c d", "e f"])
        #expect(try ArgumentWords.split(#""say \"hi\"" '$HOME' "\$x" "a\b""#) == [#"say "hi""#, "$HOME", "$x", #"a\b"#])
        #expect(try ArgumentWords.split(#"x''y "" z"#) == ["xy", "", "z"])
    }

    @Test(arguments: [#"'open"#, #""open"#, #"a "b"#])
    func rejectsUnterminatedQuotes(text: String) {
        #expect { try ArgumentWords.split(text) } throws: { ($0 as? ExecError)?.code == .invalidTemplate }
    }
}

struct UserSwitchTests {
    let user = LocalUser(name: "alice", uid: 1001, gid: 1002, home: "/home/alice", shell: "/bin/sh")

    @Test func setprivCommand() {
        #expect(UserSwitch.setpriv().command(user: user, program: "/jobs/7/prog", arguments: ["-x", "y"])
            == ["/usr/bin/setpriv", "--reuid=1001", "--regid=1002", "--init-groups", "--", "/jobs/7/prog", "-x", "y"])
    }

    @Test func busyboxSuCommand() {
        #expect(UserSwitch.busyboxSu().command(user: user, program: "/jobs/7/prog", arguments: ["-c", "y"])
            == ["/bin/busybox", "su", "-m", "-s", "/bin/sh", "-c", #"exec "$0" "$@""#, "--", "alice", "/jobs/7/prog", "-c", "y"])
    }

    @Test func detectsUtilLinuxSetprivOnDebian() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"))
        #expect(UserSwitch.detect() == .setpriv(at: "/usr/bin/setpriv"))
    }
}
