/// What `vgrid import` did.
public struct ImportSummary: Sendable, Codable {
    public var lab: String
    public var student: String?
    /// The imported lab file: `vgrid up` it.
    public var labFile: String
    public var directory: String
    public var instances: [String]
    /// Per image: "installed", "already present" or "replaced version X".
    public var images: [String: String]
    public var credentials: Bool
    public var caKey: Bool
    /// Overlay volumes put back into the pool (`--with-state` bundles).
    public var disks: [String]
    public var materialFiles: Int
    public var seconds: Double
}
