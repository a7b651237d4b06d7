/// The lab file as written: every value that was present and well-formed, with its
/// position. `LabFileDecoder` produces it; `LabResolver` turns it into a `Lab`.
/// Values that failed to decode are nil here and already have a diagnostic.
struct LabFile {
    /// Where the top-level mapping starts, for "missing key" errors.
    var root: SourceLocation
    var name: Located<String>?
    var description: String?
    var defaults = NodeSettings()
    var external = ExternalEntry()
    var internalSubnet: Located<SubnetRequest>?
    var nodes: [NodeEntry] = []
    /// The `nodes:` key, for "no headnode" errors.
    var nodesKey: SourceLocation?
    var users: [UserEntry] = []
    var students: StudentsEntry?
    var ca = CASettings()
    var middleware = MiddlewareSettings()
}

/// Keys shared by `defaults:` and each node.
struct NodeSettings {
    var image: Located<String>?
    var cpus: Located<Int>?
    var memoryMiB: Located<Int>?
    var diskMiB: Located<Int>?
}

/// One entry of `nodes:`; it may stand for several nodes (`count`, `names`).
struct NodeEntry {
    /// The start of the entry.
    var location: SourceLocation
    var name: Located<String>?
    var names: [Located<String>]?
    var count: Located<Int>?
    var role: Located<NodeRole>?
    var settings = NodeSettings()
    /// False when some key of this entry was rejected; the resolver then skips checks
    /// that would only repeat that error (a misspelt role is not also "no headnode").
    var isComplete = true
}

struct ExternalEntry {
    var mode: Located<ExternalNetwork.Mode>?
    var bridge: Located<String>?
    var subnet: Located<SubnetRequest>?
    /// Where `external:` is, for "mode bridge needs a bridge".
    var location: SourceLocation?
    var isComplete = true
}

struct UserEntry {
    var name: Located<String>
    var passphrase: String?
    var admin: Bool
}

enum StudentsEntry {
    /// `students: 3` -> student1, student2, student3.
    case count(Located<Int>)
    case names([Located<String>])
}
