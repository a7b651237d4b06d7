import Testing
@testable import LabModel

/// GridWay key tables.
struct MiddlewareKeysTests {
    @Test func splitsIndexedSchedulerKeys() {
        #expect(MiddlewareKeys.splitIndexed("FP_USER[alice]")! == ("FP_USER", "alice"))
        #expect(MiddlewareKeys.splitIndexed("RP_HOST[worker1.lab]")! == ("RP_HOST", "worker1.lab"))
        #expect(MiddlewareKeys.splitIndexed("FP_USER[]") == nil)
        #expect(MiddlewareKeys.splitIndexed("FP_USER") == nil)
    }
}
