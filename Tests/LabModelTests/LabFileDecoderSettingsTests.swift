import Testing
@testable import LabModel

/// The `ca:` and `middleware:` sections.
struct LabFileDecoderSettingsTests {
    // MARK: CA

    @Test func rejectsInvalidKeyBits() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        ca:
          key_bits: 1024
        """, line: 4, column: 13, "'key_bits' must be 2048, 3072 or 4096, got 1024", code: .invalidValue)
    }

    @Test func rejectsAMalformedDistinguishedName() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        ca:
          subject: "O=Grid, CN=Lab CA"
        """, line: 4, column: 12, "invalid distinguished name 'O=Grid, CN=Lab CA' for 'subject'",
                       hint: "/KEY=value/KEY=value", code: .invalidValue)
    }

    @Test func rejectsCertificatesThatOutliveTheCA() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        ca:
          ca_lifetime_days: 30
          cert_lifetime_days: 365
        """, line: 5, column: 23, "certificates would outlive the CA", hint: "at most 30", code: .conflict)
    }

    @Test func rejectsANonPositiveLifetime() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        ca: { ca_lifetime_days: 0 }
        """, line: 3, column: 25, "'ca_lifetime_days' must be between 1 and 36500, got 0", code: .outOfRange)
    }

    // MARK: Middleware

    @Test func suggestsTheClosestGwdKey() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          gwd:
            SCHEDULING_INTERVALL: 5
        """, line: 5, column: 5, "unknown gwd.conf key 'SCHEDULING_INTERVALL' in 'middleware.gwd'",
                       hint: "did you mean 'SCHEDULING_INTERVAL'?", code: .unknownKey)
    }

    @Test func suggestsTheUpperCaseKeyForALowerCaseOne() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          gwd: { scheduling_interval: 5 }
        """, line: 4, column: 10, "unknown gwd.conf key 'scheduling_interval'", hint: "did you mean 'SCHEDULING_INTERVAL'?")
    }

    @Test func pointsASchedKeyInGwdToSched() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          gwd: { DISPATCH_CHUNK: 4 }
        """, line: 4, column: 10, "unknown gwd.conf key 'DISPATCH_CHUNK'", hint: "move it to 'middleware.sched'")
    }

    @Test func suggestsTheIndexedKeyKeepingTheName() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          sched:
            FP_USR[alice]: 2
        """, line: 5, column: 5, "unknown sched.conf key 'FP_USR[alice]'", hint: "did you mean 'FP_USER[alice]'?",
                       code: .unknownKey)
    }

    @Test func requiresANameForIndexedKeys() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          sched:
            SH_USER: 2
        """, line: 5, column: 5, "'SH_USER' needs a name in brackets", hint: "SH_USER[alice]", code: .invalidValue)
    }

    @Test func rejectsAWordForAnIntegerKnob() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          sched:
            DISPATCH_CHUNK: many
        """, line: 5, column: 21, "expected an integer for 'DISPATCH_CHUNK', got 'many'", code: .wrongType)
    }

    @Test func rejectsAPortOutOfRange() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          gwd: { GWD_PORT: 70000 }
        """, line: 4, column: 20, "'GWD_PORT' must be between 1 and 65535, got 70000", code: .outOfRange)
    }

    @Test func rejectsANegativeWeight() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          sched: { FP_WEIGHT: -1 }
        """, line: 4, column: 23, "expected a non-negative number for 'FP_WEIGHT', got '-1'", code: .wrongType)
    }

    @Test func rejectsAMultiLineDriverLine() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          gwd:
            IM_MAD: [a, b]
        """, line: 5, column: 13, "expected a one-line string for 'IM_MAD', got a list", code: .wrongType)
    }

    @Test func rejectsZeroSlotsPerWorker() {
        expectOneError("""
        lab: t
        nodes: [{ name: head, role: headnode }]
        middleware:
          slots_per_worker: 0
        """, line: 4, column: 21, "'slots_per_worker' must be between 1 and 64, got 0", code: .outOfRange)
    }
}
