/// What `vgrid export` was asked for.
public struct ExportOptions: Sendable {
    public var output: String
    /// One student's copy of a course.
    public var student: String?
    /// The nodes' disks (the students' current work).
    public var withState = false
    /// The CA's private key (the importer can then issue certificates).
    public var includeCAKey = false
    /// The course material; nil looks for `course-material/` beside the lab file or one level up.
    public var materialDirectory: String?
    /// zstd's level.
    public var level = 9

    public init(output: String) { self.output = output }
}

/// What `vgrid export` wrote.
public struct ExportSummary: Sendable, Codable {
    public var file: String
    public var lab: String
    public var student: String?
    public var instances: [String]
    public var images: [String]
    public var members: Int
    /// Bytes of the members before compression.
    public var contentBytes: Int64
    /// Bytes of the bundle file.
    public var bundleBytes: Int64
    public var withState: Bool
    public var includesCAKey: Bool
    public var seconds: Double
}
