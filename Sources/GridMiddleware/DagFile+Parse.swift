import Suggestions
extension DagFile {
    static let statements = ["JOB", "PARENT", "SCRIPT"]

    /// Reads a DAG file; throws for a malformed line, a name used but not defined, a job
    /// defined twice, or a cycle (naming the jobs in it).
    public static func parse(_ text: String, file: String = "dag") throws -> DagFile {
        var dag = DagFile(file: file, jobs: [], parentKeys: [:])
        var edges: [(parent: String, child: String, line: Int)] = []
        var scripts: [(job: String, pre: Bool, script: Script, line: Int)] = []
        for (offset, content) in text.textLines().enumerated() {
            let line = offset + 1
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            let at = TextLocation(file: file, line: line)
            switch first.uppercased() {
            case "JOB":
                guard words.count == 3 || (words.count == 4 && words[3].uppercased() == "DONE") else {
                    throw MiddlewareError(.syntax, "expected JOB name template [DONE]", at: at)
                }
                if let earlier = dag.job(named: words[1]) {
                    throw MiddlewareError(.duplicateName, "job '\(words[1])' is defined twice (first on line \(earlier.line))",
                                          hint: "job names ignore case; rename one of them", at: at)
                }
                dag.jobs.append(Job(name: words[1], template: words[2], done: words.count == 4, line: line))
            case "PARENT":
                let rest = words.dropFirst()
                guard let childWord = rest.firstIndex(where: { $0.uppercased() == "CHILD" }),
                      childWord > rest.startIndex, childWord < rest.endIndex - 1 else {
                    throw MiddlewareError(.syntax, "expected PARENT name... CHILD name...", at: at)
                }
                for parent in rest[..<childWord] {
                    for child in rest[(childWord + 1)...] { edges.append((parent, child, line)) }
                }
            case "SCRIPT":
                guard words.count >= 4, ["PRE", "POST"].contains(words[1].uppercased()) else {
                    throw MiddlewareError(.syntax, "expected SCRIPT PRE|POST job program [arguments]", at: at)
                }
                let arguments = Self.rest(of: String(content), after: 4)
                scripts.append((words[2], words[1].uppercased() == "PRE", Script(program: words[3], arguments: arguments), line))
            default:
                throw MiddlewareError(.syntax, "unknown statement '\(first)'",
                                      hint: Suggestion.hint(for: first, in: statements, noun: "statements"), at: at)
            }
        }
        try dag.resolve(edges: edges, scripts: scripts)
        try dag.checkAcyclic(edges: edges)
        return dag
    }

    /// The text after the first `count` words of `line`, trimmed.
    static func rest(of line: String, after count: Int) -> String {
        var text = Substring(line)
        for _ in 0..<count {
            text = text.drop { $0 == " " || $0 == "\t" }
            text = text.drop { $0 != " " && $0 != "\t" }
        }
        return text.trimmingBlanks()
    }

    mutating func resolve(edges: [(parent: String, child: String, line: Int)],
                          scripts: [(job: String, pre: Bool, script: Script, line: Int)]) throws {
        let names = jobs.map(\.name)
        func check(_ name: String, _ line: Int) throws -> Int {
            guard let index = jobs.firstIndex(where: { Self.key($0.name) == Self.key(name) }) else {
                throw MiddlewareError(.unknownName, "no JOB line defines '\(name)'",
                                      hint: Suggestion.hint(for: name, in: names, noun: "jobs"),
                                      at: TextLocation(file: file, line: line))
            }
            return index
        }
        for edge in edges {
            _ = try check(edge.parent, edge.line)
            _ = try check(edge.child, edge.line)
            let key = Self.key(edge.child)
            if !(parentKeys[key] ?? []).contains(Self.key(edge.parent)) {
                parentKeys[key, default: []].append(Self.key(edge.parent))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: jobs.enumerated().map { (Self.key($0.element.name), $0.offset) })
        for key in parentKeys.keys { parentKeys[key]?.sort { order[$0]! < order[$1]! } }
        for entry in scripts {
            let index = try check(entry.job, entry.line)
            if (entry.pre ? jobs[index].pre : jobs[index].post) != nil {
                throw MiddlewareError(.duplicateName, "job '\(jobs[index].name)' has two SCRIPT \(entry.pre ? "PRE" : "POST") lines",
                                      at: TextLocation(file: file, line: entry.line))
            }
            if entry.pre { jobs[index].pre = entry.script } else { jobs[index].post = entry.script }
        }
    }

    /// Throws `.dependencyCycle` naming the jobs of the first cycle found.
    func checkAcyclic(edges: [(parent: String, child: String, line: Int)]) throws {
        var color: [String: Int] = [:]  // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ key: String) throws {
            color[key] = 1
            path.append(key)
            for child in jobs.map({ Self.key($0.name) }) where (parentKeys[child] ?? []).contains(key) {
                if color[child] == 1 {
                    let cycle = path[path.lastIndex(of: child)!...] + [child]
                    let shown = cycle.map { job(named: $0)?.name ?? $0 }
                    let line = edges.first { Self.key($0.parent) == key && Self.key($0.child) == child }?.line ?? 0
                    throw MiddlewareError(.dependencyCycle, "the DAG has a cycle: \(shown.joined(separator: " -> "))",
                                          hint: "remove one of these PARENT ... CHILD links",
                                          at: TextLocation(file: file, line: line))
                }
                if color[child] == nil { try visit(child) }
            }
            path.removeLast()
            color[key] = 2
        }
        for job in jobs where color[Self.key(job.name)] == nil { try visit(Self.key(job.name)) }
    }
}
