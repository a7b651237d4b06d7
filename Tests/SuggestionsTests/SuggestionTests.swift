import Testing
import Suggestions

/// Did-you-mean: edit distance and candidate choice.
struct SuggestionTests {
    @Test(arguments: [
        ("memroy", "memory", 1), ("cpu", "cpus", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0),
    ])
    func measuresEditDistanceWithTranspositions(a: String, b: String, distance: Int) {
        #expect(Suggestion.distance(a, b) == distance)
    }

    @Test func suggestsOnlyPlausibleCandidates() {
        let keys = ["name", "names", "count", "role", "image", "cpus", "memory", "disk"]
        #expect(Suggestion.closest(to: "memroy", in: keys) == "memory")
        #expect(Suggestion.closest(to: "Disk", in: keys) == "disk")
        #expect(Suggestion.closest(to: "flavour", in: keys) == nil)
        #expect(Suggestion.closest(to: "user_dn", in: ["user_dn_base", "subject"]) == "user_dn_base")
    }
}
