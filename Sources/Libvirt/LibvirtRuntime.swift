import CLibvirt

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libvirt setup, done once before the first connection.
enum LibvirtRuntime {
    /// Runs `virInitialize` and installs a no-op error handler, exactly once.
    ///
    /// Without the handler libvirt prints every error to stderr; the wrapper reports errors
    /// as thrown `LibvirtError`s instead. A Swift global `let` is initialised atomically.
    static func ensureInitialized() {
        _ = initialized
    }

    private static let initialized: Void = {
        _ = virInitialize()
        virSetErrorFunc(nil) { _, _ in }
    }()
}

/// Takes ownership of a string libvirt allocated: copies it and frees the original.
func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
}

/// Throws the captured libvirt error when a C call returned a negative status.
@discardableResult
func check(_ result: Int32, _ operation: String) throws -> Int32 {
    if result < 0 { throw LibvirtError.last(operation) }
    return result
}

/// Reads a UUID string into libvirt's fixed-size buffer.
func readUUIDString(_ operation: String, _ body: (UnsafeMutablePointer<CChar>) -> Int32) throws -> String {
    var buffer = [CChar](repeating: 0, count: Int(VIR_UUID_STRING_BUFLEN))
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    try check(status, operation)
    return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

/// Turns a libvirt-allocated array of object pointers into Swift objects, freeing the array.
func takeArray<Pointer, Object>(
    _ array: UnsafeMutablePointer<Pointer?>?, count: Int32, _ wrap: (Pointer) -> Object
) -> [Object] {
    guard let array else { return [] }
    defer { free(array) }
    return (0..<Int(count)).compactMap { array[$0].map(wrap) }
}
