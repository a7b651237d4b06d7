import Foundation

/// Who owns a libvirt object: the vgrid lab stamp kept in a domain's or network's `<metadata>`.
///
/// Rendered as `<vgrid:owner xmlns:vgrid="https://vgrid.dev/xmlns/owner/1" lab=".." instance=".."
/// node=".." role=".." source=".." created=".."/>`; `down` finds leftovers by it.
public struct OwnerStamp: Sendable, Equatable {
    /// The namespace URI of the stamp element.
    public static let namespaceURI = "https://vgrid.dev/xmlns/owner/1"
    /// The namespace prefix (and libvirt metadata key).
    public static let prefix = "vgrid"
    /// The stamp element's local name.
    public static let elementName = "owner"

    /// The lab name.
    public var lab: String
    /// The lab instance ID (distinguishes two `up`s of the same lab).
    public var instance: String
    /// The node name, for per-node objects (domains, their volumes).
    public var node: String?
    /// What the object is for the lab, e.g. a node role (`"ce"`) or `"network"`.
    public var role: String?
    /// Where the lab came from, e.g. the lab file path.
    public var source: String?
    /// When the object was created (whole seconds, UTC).
    public var created: Date?

    public init(
        lab: String, instance: String, node: String? = nil, role: String? = nil,
        source: String? = nil, created: Date? = nil
    ) {
        self.lab = lab
        self.instance = instance
        self.node = node
        self.role = role
        self.source = source
        self.created = created.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    var attributes: [(String, String?)] {
        [("lab", lab), ("instance", instance), ("node", node), ("role", role),
         ("source", source), ("created", created.map { $0.formatted(.iso8601) })]
    }

    /// Appends the namespaced stamp element under `parent` (a `<metadata>` element).
    func render(under parent: XMLBuilder.Element) throws {
        let owner = try parent.child(Self.elementName, attributes)
        owner.setNamespace(uri: Self.namespaceURI, prefix: Self.prefix)
    }

    /// The bare `<owner .../>` element for `Domain.setMetadata(xml:key:namespaceURI:)`
    /// (key `OwnerStamp.prefix`, URI `OwnerStamp.namespaceURI`); libvirt adds the namespace.
    public func metadataElementXML() throws -> String {
        let builder = XMLBuilder(root: Self.elementName)
        for case let (name, value?) in attributes { try builder.root.set(name, value) }
        return builder.serialize().trimmingWhitespace()
    }

    /// The stamp in a domain's XML, or nil when it has none.
    public static func parse(fromDomainXML xml: String) throws -> OwnerStamp? {
        try parse(try XMLQuery(xml: xml), at: "/domain/metadata/vgrid:\(elementName)")
    }

    /// The stamp in a network's XML, or nil when it has none.
    public static func parse(fromNetworkXML xml: String) throws -> OwnerStamp? {
        try parse(try XMLQuery(xml: xml), at: "/network/metadata/vgrid:\(elementName)")
    }

    /// The stamp from `Domain.metadata(namespaceURI:)`'s output (the element without namespace).
    public static func parse(fromMetadataElement xml: String) throws -> OwnerStamp? {
        try parse(try XMLQuery(xml: xml), at: "/\(elementName)")
    }

    static func parse(_ query: XMLQuery, at path: String) throws -> OwnerStamp? {
        let namespaces = [prefix: namespaceURI]
        guard try query.string(xpath: "count(\(path))", namespaces: namespaces) != "0" else { return nil }
        func attribute(_ name: String) throws -> String? {
            try query.string(xpath: "\(path)[1]/@\(name)", namespaces: namespaces)
        }
        func required(_ name: String) throws -> String {
            guard let value = try attribute(name) else {
                throw LibvirtXMLError(
                    .invalidContent, "the owner stamp lacks the '\(name)' attribute", at: path)
            }
            return value
        }
        var created: Date?
        if let text = try attribute("created") {
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw LibvirtXMLError(
                    .invalidContent, "created='\(text)' is not an ISO 8601 date", at: path)
            }
            created = date
        }
        return OwnerStamp(
            lab: try required("lab"), instance: try required("instance"), node: try attribute("node"),
            role: try attribute("role"), source: try attribute("source"), created: created)
    }
}
