/// A workflow file for gwdagman: jobs, their order, and scripts around them.
///
///     # comments
///     JOB A A.jt
///     JOB B B.jt DONE          # already done: not submitted again
///     PARENT A CHILD B C       # B and C start after A is done
///     SCRIPT PRE B prepare.sh arg1 arg2
///
/// Job names are compared without regard to case (as gwdagman does); the spelling of the
/// JOB line is kept for display. PARENT and SCRIPT may come before the JOB they name.
/// Unlike gwdagman, an unknown statement is an error, not ignored, and a cycle is found
/// when the file is read.
public struct DagFile: Sendable, Hashable {
    /// A program run before (PRE) or after (POST) a job.
    public struct Script: Sendable, Hashable {
        public var program: String
        /// The rest of the line after the program, as written.
        public var arguments: String
    }

    public struct Job: Sendable, Hashable {
        public var name: String
        public var template: String
        /// Marked DONE: counts as finished and is not submitted.
        public var done: Bool
        public var pre: Script?
        public var post: Script?
        public var line: Int
    }

    public var file: String
    /// In file order.
    public internal(set) var jobs: [Job]
    /// Parent names of each job (by the job's canonical key), in file order of the parents.
    var parentKeys: [String: [String]]

    /// The job called `name` (any case).
    public func job(named name: String) -> Job? {
        jobs.first { Self.key($0.name) == Self.key(name) }
    }

    /// The names of the jobs that must be done before `name`.
    public func parents(of name: String) -> [String] {
        (parentKeys[Self.key(name)] ?? []).compactMap { job(named: $0)?.name }
    }

    /// The names of the jobs that wait for `name`.
    public func children(of name: String) -> [String] {
        jobs.filter { (parentKeys[Self.key($0.name)] ?? []).contains(Self.key(name)) }.map(\.name)
    }

    /// Jobs so that every parent comes before its children; among jobs that are ready at
    /// the same time, file order.
    public func topologicalOrder() -> [String] {
        var remaining = Dictionary(uniqueKeysWithValues: jobs.map { (Self.key($0.name), Set(parentKeys[Self.key($0.name)] ?? [])) })
        var order: [String] = []
        while let next = jobs.first(where: { remaining[Self.key($0.name)]?.isEmpty == true }) {
            let key = Self.key(next.name)
            order.append(next.name)
            remaining[key] = nil
            for child in remaining.keys { remaining[child]?.remove(key) }
        }
        return order
    }

    static func key(_ name: String) -> String { name.uppercased() }
}
