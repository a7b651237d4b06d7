import CLibXML2

/// Builds one XML document through libxml2's tree API, so every value is escaped by libxml2.
///
/// Text goes through `xmlNewTextChild` and attributes through `xmlNewProp`, both of which
/// store raw text that the serializer escapes (`xmlNewChild` would parse entity references).
final class XMLBuilder {
    private let document: xmlDocPtr
    /// The document element.
    let root: Element

    init(root name: String) {
        LibXML2.ensureInitialized()
        let document = withXMLString("1.0") { xmlNewDoc($0) }!
        let node = withXMLString(name) { xmlNewDocNode(document, nil, $0, nil) }!
        xmlDocSetRootElement(document, node)
        self.document = document
        root = Element(node: node)
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The document as indented UTF-8 text without an XML declaration.
    func serialize() -> String {
        let buffer = xmlBufferCreate()
        defer { xmlBufferFree(buffer) }
        let options = Int32(XML_SAVE_FORMAT.rawValue | XML_SAVE_NO_DECL.rawValue)
        let context = xmlSaveToBuffer(buffer, "UTF-8", options)
        xmlSaveDoc(context, document)
        xmlSaveClose(context)
        return string(fromXML: xmlBufferContent(buffer)) ?? ""
    }

    /// One element of the document being built.
    struct Element {
        let node: xmlNodePtr

        /// Appends a child element with attributes (nil values are left out) and optional text.
        @discardableResult
        func child(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil) throws -> Element {
            if let text { try XMLBuilder.checkRepresentable(text, in: name) }
            let node = withXMLString(name) { name in
                withXMLString(text) { xmlNewTextChild(self.node, nil, name, $0) }
            }!
            let element = Element(node: node)
            for (key, value) in attributes {
                if let value { try element.set(key, value) }
            }
            return element
        }

        /// Sets an attribute.
        func set(_ name: String, _ value: String) throws {
            try XMLBuilder.checkRepresentable(value, in: "@\(name)")
            _ = withXMLString(name) { name in withXMLString(value) { xmlNewProp(node, name, $0) } }
        }

        /// Declares `prefix` for `uri` on this element and puts the element in that namespace.
        func setNamespace(uri: String, prefix: String) {
            let namespace = withXMLString(uri) { uri in withXMLString(prefix) { xmlNewNs(node, uri, $0) } }
            xmlSetNs(node, namespace)
        }
    }

    /// Throws when `value` holds a character XML 1.0 cannot represent.
    static func checkRepresentable(_ value: String, in location: String) throws {
        for scalar in value.unicodeScalars where !isXMLChar(scalar) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw LibvirtXMLError(
                .unrepresentableCharacter,
                "U+\(code) cannot appear in XML; remove control characters from the value", at: location)
        }
    }

    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
