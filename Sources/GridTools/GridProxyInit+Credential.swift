import Foundation
import GridCA
import X509
import _CryptoExtras

extension GridProxyInit {
    /// Reads the user certificate and key the way grid-proxy-init does: key permissions first, then the
    /// certificate (printing `Your identity:`), then the pass phrase and the key.
    func loadUserCredential(certPath: String, keyPath: String, context: ToolContext) throws -> GridCredential {
        let noCredentials = "Couldn't find valid credentials to generate a proxy."
        do {
            guard TextFile.exists(keyPath) else { throw GridToolsError("the user key \(keyPath) does not exist", hint: TextFile.hintForMissing("the user key")) }
            try KeyFilePermissions.check(URL(fileURLWithPath: keyPath))
        } catch {
            throw GridToolsError(noCredentials, underlying: error)
        }
        let certificates: [Certificate]
        do {
            certificates = try PEM.certificates(in: try TextFile.read(certPath, what: "the user certificate"), location: certPath)
        } catch let error as GridToolsError {
            throw GridToolsError(noCredentials, underlying: error)
        } catch {
            throw GridToolsError("Couldn't read user certificate\ncert file location: \(certPath).", underlying: error)
        }
        guard let certificate = certificates.first else {
            throw GridToolsError(
                "Couldn't read user certificate\ncert file location: \(certPath).",
                hint: "the file must hold a -----BEGIN CERTIFICATE----- block; is it the right file?")
        }
        if !quiet { context.out("Your identity: \(certificate.subject.globusOneLine)\n") }

        let keyText = try TextFile.read(keyPath, what: "the user key")
        var passphrase: String?
        if PrivateKeyPEM.isEncrypted(keyText) {
            passphrase = try readPassphrase(context)
        }
        let key: _RSA.Signing.PrivateKey
        do {
            key = try PrivateKeyPEM.read(keyText, passphrase: passphrase, location: keyPath)
        } catch let error as GridCAError where error.code == .wrongPassphrase {
            throw GridToolsError(
                "Couldn't read user key: Bad passphrase for key in \(keyPath)",
                hint: "type the pass phrase you chose when your certificate was made; ask the lab administrator if it is lost",
                underlying: error)
        } catch {
            throw GridToolsError("Couldn't read user key in \(keyPath).", underlying: error)
        }
        do {
            return try GridCredential(certificate: certificate, privateKey: key, chain: Array(certificates.dropFirst()))
        } catch {
            throw GridToolsError(noCredentials, underlying: error)
        }
    }

    /// One line from stdin with -pwstdin, else a silent prompt on the terminal.
    func readPassphrase(_ context: ToolContext) throws -> String {
        if passphraseFromStandardInput {
            guard let line = context.readStandardInputLine() else {
                throw GridToolsError("Failed to read pass-phrase from stdin", hint: "send the pass phrase as one line: echo \"$PASS\" | grid-proxy-init -pwstdin")
            }
            return line
        }
        let prompt = quiet ? "Enter GRID pass phrase:" : "Enter GRID pass phrase for this identity:"
        do {
            return try context.readSecret(prompt)
        } catch {
            throw GridToolsError("Couldn't read user key in \(keyFile ?? GridSecurityPaths(context).userKey).", underlying: error)
        }
    }
}
