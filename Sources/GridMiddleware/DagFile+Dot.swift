extension DagFile {
    /// Graphviz DOT: one box per job (template below the name, PRE/POST scripts noted,
    /// DONE jobs greyed), one arrow per PARENT -> CHILD link.
    public func dot(graphName: String? = nil) -> String {
        let name = graphName ?? Self.graphName(for: file)
        var lines = ["digraph \(Self.quote(name)) {", "  node [shape=box];"]
        for job in jobs {
            var label = "\(job.name)\n\(job.template)"
            if let pre = job.pre { label += "\nPRE \(pre.program)" }
            if let post = job.post { label += "\nPOST \(post.program)" }
            var attributes = "label=\(Self.quote(label))"
            if job.done { attributes += ", style=filled, fillcolor=lightgray" }
            lines.append("  \(Self.quote(job.name)) [\(attributes)];")
        }
        for parent in jobs {
            for child in children(of: parent.name) {
                lines.append("  \(Self.quote(parent.name)) -> \(Self.quote(child));")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The file's name without folders and extension.
    static func graphName(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// A DOT string: quotes and backslashes escaped, newlines as `\n`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
