import Foundation
import _CryptoExtras

/// The GSI rule for private key and proxy files: no access for group or others.
public enum KeyFilePermissions {
    /// Throws `keyPermissionsTooOpen` if the file is readable, writable or executable by group or others.
    public static func check(_ url: URL) throws {
        // stat, not lstat: a symlinked key is judged by the file it points to, as Globus does.
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            let cause = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            throw GridCAError(.fileUnreadable, "cannot inspect the key file", hint: "check that it exists", location: url.path, underlying: cause)
        }
        let mode = Int(info.st_mode) & 0o7777
        if mode & 0o077 != 0 {
            throw GridCAError(
                .keyPermissionsTooOpen,
                "permissions are too open on the private key file (mode \(String(mode & 0o777, radix: 8))); it must be readable by its owner only",
                hint: "chmod 400 \(url.path)", location: url.path)
        }
    }

    /// Reads a key file after checking its permissions.
    public static func readCheckedKey(_ url: URL, passphrase: String? = nil) throws -> _RSA.Signing.PrivateKey {
        try check(url)
        return try PrivateKeyPEM.read(try FileIO.readString(url), passphrase: passphrase, location: url.path)
    }
}
