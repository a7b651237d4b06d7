/// Everything that can go wrong while planning, creating or removing a lab, with a message
/// that says what failed and a hint that says how to fix it.
public struct ProvisioningError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case libvirtUnreachable, libvirtCall, imageMissing, imageInvalid, seedBuild
        case insufficientMemory, insufficientDisk, subnetOverlap, noFreeSubnet
        case nodeNotReady, nodeNotFound, labNotFound, nameCollision, agent, io, interrupted
        case userNotFound, toolMissing
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The node or libvirt object the error is about, when there is one.
    public var subject: String?
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, hint: String? = nil, subject: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.subject = subject
        self.underlying = underlying
    }

    public var description: String {
        var text = message
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
