/// Why an XML document could not be rendered or read.
public struct LibvirtXMLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure.
    public enum Kind: Sendable, Equatable {
        /// A value holds a character XML 1.0 cannot carry (a control character).
        case unrepresentableCharacter
        /// The input is not well-formed XML.
        case malformedXML
        /// The XPath expression is invalid.
        case invalidXPath
        /// The document is well-formed but lacks something required or holds a bad value.
        case invalidContent
    }

    /// What kind of failure.
    public var kind: Kind
    /// What failed and how to fix it.
    public var message: String
    /// Where: the spec field, XPath expression or element concerned.
    public var location: String

    public init(_ kind: Kind, _ message: String, at location: String) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
