import CLibXML2

/// Process-wide libxml2 setup.
enum LibXML2 {
    /// Calls `xmlInitParser` exactly once (a Swift global `let` is initialised atomically),
    /// which libxml2 requires before it is used from several threads.
    static func ensureInitialized() {
        _ = initialized
    }

    private static let initialized: Void = {
        xmlInitParser()
    }()
}

/// Calls `body` with `string` as a NUL-terminated `xmlChar` pointer (nil stays nil).
func withXMLString<R>(_ string: String?, _ body: (UnsafePointer<xmlChar>?) throws -> R) rethrows -> R {
    guard let string else { return try body(nil) }
    return try string.withCString { chars in
        try chars.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1) { try body($0) }
    }
}

/// Copies an `xmlChar` string libxml2 owns.
func string(fromXML pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// Copies and frees an `xmlChar` string libxml2 allocated for the caller.
func takeXMLString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    defer { xmlFree(pointer) }
    return String(cString: pointer)
}
