import Foundation
import GridTools
import Testing

@Suite struct GlobusTimeTests {
    @Test func asctimeMatchesTheCLibraryAsPrintedByDate() throws {
        // 2026-11-01 09:05:07 UTC: a one-digit day shows asctime's space padding.
        let date = Date(timeIntervalSince1970: 1_793_523_907)
        let text = GlobusTime.asctime(date)
        #expect(matches(text, "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] 20[0-9]{2}"), "\(text)")
        let real = try ExternalTool.run("date", ["-d", "@1793523907", "+%a %b %e %H:%M:%S %Y"], environment: ["LC_ALL": "C"])
        #expect(text == real.stdout.trimmingCharacters(in: .newlines))
    }

    @Test func opensslDateFormatMatchesOpenSSL() throws {
        let directory = TestDirectory()
        let cert = directory.write(Fixtures.user.certificatePEM, to: "usercert.pem")
        let real = try ExternalTool.openssl(["x509", "-noout", "-enddate", "-in", cert])
        #expect("notAfter=" + GlobusTime.openssl(Fixtures.user.certificate.notValidAfter) == real.stdout.trimmingCharacters(in: .newlines))
    }

    @Test func timeLeftIsHoursMinutesSecondsWithDaysBeyondOneDay() {
        #expect(GlobusTime.timeLeft(43_199) == "11:59:59")
        #expect(GlobusTime.timeLeft(61) == "0:01:01")
        #expect(GlobusTime.timeLeft(0) == "0:00:00")
        #expect(GlobusTime.timeLeft(-30) == "0:00:00")
        #expect(GlobusTime.timeLeft(48 * 3600 + 30 * 60) == "48:30:00  (2.0 days)")
        #expect(GlobusTime.timeLeft(86_400) == "24:00:00")
    }

    @Test func hoursMinutesParseToMinutesWithGlobusLimits() throws {
        #expect(try GlobusTime.minutes(fromHoursMinutes: "12:00", option: "-valid") == 720)
        #expect(try GlobusTime.minutes(fromHoursMinutes: "0:60", option: "-valid") == 60)
        #expect(try GlobusTime.minutes(fromHours: "3", option: "-hours") == 180)
        #expect(throws: UsageError(option: "-valid", "value must be in the format: H:M")) {
            try GlobusTime.minutes(fromHoursMinutes: "12", option: "-valid")
        }
        #expect(throws: UsageError.self) { try GlobusTime.minutes(fromHoursMinutes: "1:61", option: "-valid") }
        #expect(throws: UsageError.self) { try GlobusTime.minutes(fromHoursMinutes: "-1:00", option: "-valid") }
        #expect(throws: UsageError.self) { try GlobusTime.minutes(fromHours: "x", option: "-hours") }
    }
}
