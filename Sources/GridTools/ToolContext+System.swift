import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ToolContext {
    /// The context of the running process: its environment, real uid, clock, stdio and terminal.
    public static func system() -> ToolContext {
        ToolContext(
            environment: ProcessInfo.processInfo.environment, uid: UInt32(getuid()),
            standardOutput: { text in
                fputs(text, stdout)
                fflush(stdout)
            },
            standardError: { text in
                fputs(text, stderr)
                fflush(stderr)
            },
            readStandardInputLine: { readLine(strippingNewline: true) },
            readSecret: Terminal.readSecret,
            userExists: { name in getpwnam(name) != nil })
    }
}

/// Reading a pass phrase from the controlling terminal with echo turned off.
enum Terminal {
    static func readSecret(prompt: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw ToolContext.noTerminal }
        defer { close(fd) }
        put(fd, prompt)
        var saved = termios()
        let canSilence = tcgetattr(fd, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(fd, TCSANOW, &silent)
        }
        defer {
            if canSilence { _ = tcsetattr(fd, TCSANOW, &saved) }
            put(fd, "\n")
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func put(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in _ = write(fd, buffer.baseAddress, buffer.count) }
    }
}
