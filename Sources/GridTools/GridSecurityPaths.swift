import Foundation

/// Where GSI looks for credentials, proxies, trusted CAs and the grid-mapfile, in Globus's order.
public struct GridSecurityPaths {
    let context: ToolContext

    /// Paths as seen from `context` (its environment, home and uid).
    public init(_ context: ToolContext) {
        self.context = context
    }

    var environment: [String: String] { context.environment }

    func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// `$X509_USER_CERT`, else `~/.globus/usercert.pem`.
    public var userCertificate: String {
        variable("X509_USER_CERT") ?? context.home + "/.globus/usercert.pem"
    }

    /// `$X509_USER_KEY`, else `~/.globus/userkey.pem`.
    public var userKey: String {
        variable("X509_USER_KEY") ?? context.home + "/.globus/userkey.pem"
    }

    /// `$X509_USER_PROXY`, else `/tmp/x509up_u<uid>`.
    public var proxy: String {
        variable("X509_USER_PROXY") ?? "\(context.temporaryDirectory)/x509up_u\(context.uid)"
    }

    /// `$X509_CERT_DIR`, else `~/.globus/certificates` if it is a directory, else `/etc/grid-security/certificates`.
    public var trustedCertificates: String {
        if let directory = variable("X509_CERT_DIR") { return directory }
        let personal = context.home + "/.globus/certificates"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: personal, isDirectory: &isDirectory), isDirectory.boolValue { return personal }
        return "/etc/grid-security/certificates"
    }

    /// `$X509_HOST_CERT`, else `/etc/grid-security/hostcert.pem`.
    public var hostCertificate: String {
        variable("X509_HOST_CERT") ?? "/etc/grid-security/hostcert.pem"
    }

    /// `$X509_HOST_KEY`, else `/etc/grid-security/hostkey.pem`.
    public var hostKey: String {
        variable("X509_HOST_KEY") ?? "/etc/grid-security/hostkey.pem"
    }

    /// `$GRIDMAP`, else `/etc/grid-security/grid-mapfile`.
    public var gridMapFile: String {
        variable("GRIDMAP") ?? "/etc/grid-security/grid-mapfile"
    }

    /// `path` made absolute against the current directory (proxy paths are printed absolute).
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
