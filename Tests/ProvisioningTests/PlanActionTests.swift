import Foundation
import Testing
@testable import Provisioning

/// How plan lines read: a symbol, the verb, the object, its name and an optional detail.
struct PlanActionTests {
    @Test func createReadsWithPlusAndDetailInParentheses() {
        let action = PlanAction(.create, "node", "intro-head", "128 MiB, tiny")
        #expect(action.description == "+ create node intro-head (128 MiB, tiny)")
    }

    @Test func removeReadsWithMinusAndNoParenthesesWithoutDetail() {
        #expect(PlanAction(.remove, "instance", "course-student3").description == "- remove instance course-student3")
    }

    @Test func changesReadWithTilde() {
        #expect(PlanAction(.replace, "volume", "intro_head.seed.iso", "seed changed").description
            == "~ replace volume intro_head.seed.iso (seed changed)")
        #expect(PlanAction(.update, "node", "intro-head").description == "~ update node intro-head")
        #expect(PlanAction(.start, "network", "intro-int").description == "~ start network intro-int")
        #expect(PlanAction(.restart, "node", "intro-worker1", "memory").description
            == "~ restart node intro-worker1 (memory)")
    }

    @Test func survivesJSONRoundTrip() throws {
        let action = PlanAction(.create, "network", "intro-int", "10.213.4.0/24, isolated")
        let data = try JSONEncoder().encode(action)
        #expect(try JSONDecoder().decode(PlanAction.self, from: data) == action)
    }
}
