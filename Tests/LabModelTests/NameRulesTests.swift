import Testing
@testable import LabModel

/// Lab, node, user and student name rules.
struct NameRulesTests {
    @Test func checksLabelNames() {
        #expect(NameRules.dnsLabelProblem("intro-2", maxLength: 20) == nil)
        #expect(NameRules.dnsLabelProblem("2intro", maxLength: 20) == "must start with a lower-case letter")
        #expect(NameRules.dnsLabelProblem("intro-", maxLength: 20) == "must not end with '-'")
        #expect(NameRules.dnsLabelProblem("", maxLength: 20) == "is empty")
    }

    @Test func checksUserNames() {
        #expect(NameRules.userNameProblem("_svc") == nil)
        #expect(NameRules.userNameProblem("bob-2") == nil)
        #expect(NameRules.userNameProblem("nobody") == "is a reserved system account")
        #expect(NameRules.userNameProblem("bob.smith") == "contains '.'; use lower-case letters, digits, '_' and '-'")
    }
}
