import CLibXML2

/// A parsed XML document to run XPath queries on (libxml2).
///
/// Not `Sendable`: one instance per thread; parse again on another thread (cheap for libvirt XML).
public final class XMLQuery {
    private let document: xmlDocPtr

    /// Parses `xml`; throws `.malformedXML` with libxml2's message. Never touches the network.
    public init(xml: String) throws {
        LibXML2.ensureInitialized()
        guard let context = xmlNewParserCtxt() else {
            throw LibvirtXMLError(.malformedXML, "libxml2 could not allocate a parser", at: "document")
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let count = Int32(xml.utf8.count)
        let parsed = xml.withCString { xmlCtxtReadMemory(context, $0, count, nil, "UTF-8", options) }
        guard let parsed else {
            let error = xmlCtxtGetLastError(context)
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } }
            let line = error.map { $0.pointee.line } ?? 0
            throw LibvirtXMLError(
                .malformedXML,
                (message ?? "not well-formed XML").trimmingWhitespace(), at: "line \(line)")
        }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The string values of what `xpath` selects, in document order.
    ///
    /// Elements give their text content, attributes their value; a scalar result
    /// (`count(...)`, `string(...)`) gives one string. `namespaces` maps prefixes used in
    /// `xpath` to namespace URIs.
    public func strings(xpath: String, namespaces: [String: String] = [:]) throws -> [String] {
        guard let context = xmlXPathNewContext(document) else {
            throw LibvirtXMLError(.invalidXPath, "libxml2 could not allocate an XPath context", at: xpath)
        }
        // Report errors through the context's lastError instead of libxml2's stderr printer.
        context.pointee.error = { _, _ in }
        let declarations = namespaces.sorted { $0.key < $1.key }.map { prefix, uri in
            withXMLString(uri) { uri in withXMLString(prefix) { xmlNewNs(nil, uri, $0) } }
        }
        let table = UnsafeMutablePointer<xmlNsPtr?>.allocate(capacity: max(declarations.count, 1))
        table.initialize(from: declarations, count: declarations.count)
        context.pointee.namespaces = table
        context.pointee.nsNr = Int32(declarations.count)
        defer {
            context.pointee.namespaces = nil
            context.pointee.nsNr = 0
            xmlXPathFreeContext(context)
            table.deallocate()
            declarations.forEach { xmlFreeNs($0) }
        }
        guard let result = withXMLString(xpath, { xmlXPathEvalExpression($0, context) }) else {
            let message = context.pointee.lastError.message.map { String(cString: $0) }
            throw LibvirtXMLError(
                .invalidXPath, (message ?? "invalid XPath expression").trimmingWhitespace(), at: xpath)
        }
        defer { xmlXPathFreeObject(result) }
        return Self.values(of: result)
    }

    /// The first value `xpath` selects, or nil when it selects nothing.
    public func string(xpath: String, namespaces: [String: String] = [:]) throws -> String? {
        try strings(xpath: xpath, namespaces: namespaces).first
    }

    /// Parses `xml` and runs one query; see `strings(xpath:namespaces:)`.
    public static func strings(xml: String, xpath: String, namespaces: [String: String] = [:]) throws -> [String] {
        try XMLQuery(xml: xml).strings(xpath: xpath, namespaces: namespaces)
    }

    private static func values(of result: xmlXPathObjectPtr) -> [String] {
        guard result.pointee.type == XPATH_NODESET else {
            return [takeXMLString(xmlXPathCastToString(result)) ?? ""]
        }
        guard let set = result.pointee.nodesetval, let nodes = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).map { index in
            takeXMLString(xmlNodeGetContent(nodes[index])) ?? ""
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
              let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
