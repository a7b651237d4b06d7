import Yams

/// Reads a composed YAML tree into a `LabFile`, checking every key and value on its own
/// and collecting all problems. Checks across entries belong to `LabResolver`.
struct LabFileDecoder {
    static let topLevelKeys = ["lab", "description", "defaults", "networks", "nodes", "users",
                               "students", "ca", "middleware"]
    static let settingKeys = ["image", "cpus", "memory", "disk"]

    static let cpuRange = 1...16
    static let memoryRangeMiB = 32...(64 * 1024)
    static let diskRangeMiB = 64...(1024 * 1024)

    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Nil when the document is not a mapping at all (nothing else can be checked).
    mutating func decode(_ root: YAMLNode) -> LabFile? {
        guard let top = fields(root, in: "the lab file", allowed: Self.topLevelKeys) else { return nil }
        var lab = LabFile(root: top.location)

        require("lab", in: top, section: "the lab file", example: "lab: intro")
        if let node = top["lab"], let name = string(node, for: "lab") {
            if let problem = NameRules.dnsLabelProblem(name.value, maxLength: NameRules.maxLabName) {
                report(.invalidValue, at: name.location, "invalid lab name '\(name.value)': \(problem)",
                       hint: "lab names use lower-case letters, digits and '-', e.g. 'intro'")
            } else {
                lab.name = name
            }
        }
        if let node = top["description"] { lab.description = string(node, for: "description")?.value }
        if let node = top["defaults"], let section = fields(node, in: "'defaults'", allowed: Self.settingKeys) {
            lab.defaults = settings(section)
        }
        if let node = top["networks"] { decodeNetworks(node, into: &lab) }
        require("nodes", in: top, section: "the lab file", example: "nodes: [{ name: head, role: headnode }]")
        if let node = top["nodes"] {
            lab.nodesKey = top.keys["nodes"].map(location)
            lab.nodes = nodeEntries(node)
        }
        if let node = top["users"] { lab.users = userEntries(node) }
        if let node = top["students"] { lab.students = students(node) }
        if let node = top["ca"] { lab.ca = caSettings(node) }
        if let node = top["middleware"] { lab.middleware = middlewareSettings(node) }
        return lab
    }

    /// `image`, `cpus`, `memory`, `disk`: in `defaults:` and in each node.
    mutating func settings(_ section: YAMLFields) -> NodeSettings {
        var settings = NodeSettings()
        if let node = section["image"], let image = string(node, for: "image") {
            if let problem = Self.imageNameProblem(image.value) {
                report(.invalidValue, at: image.location, "invalid image name '\(image.value)': \(problem)",
                       hint: "image names are catalogue entries such as 'tiny'")
            } else {
                settings.image = image
            }
        }
        if let node = section["cpus"] { settings.cpus = int(node, for: "cpus", in: Self.cpuRange) }
        if let node = section["memory"] { settings.memoryMiB = size(node, for: "memory", in: Self.memoryRangeMiB) }
        if let node = section["disk"] { settings.diskMiB = size(node, for: "disk", in: Self.diskRangeMiB) }
        return settings
    }

    static func imageNameProblem(_ name: String) -> String? {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        if name.isEmpty || !allowed { return "use lower-case letters, digits, '.', '_' and '-'" }
        if name.count > 64 { return "at most 64 characters are allowed" }
        return nil
    }
}
