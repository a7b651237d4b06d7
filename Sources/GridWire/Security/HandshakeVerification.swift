import Foundation
import GridCA
import NIOCore
import NIOSSL

/// The server side of the GSI handshake: verify the client's chain, then apply the access policy.
struct ClientChainVerifier: Sendable {
    let trust: WireTrust
    let policy: WireAccessPolicy
    let log: WireLog

    /// A callback for one connection; it records the verified peer (or the refusal) in `outcome`.
    func callback(outcome: OutcomeBox<VerifiedPeer>, address: String?) -> NIOSSLCustomVerificationCallback {
        return { certificates, promise in
            do {
                let peer = try verify(certificates, address: address)
                outcome.set(.success(peer))
                log(.accepted, .info, "accepted \(peer.identity)\(peer.isLimited ? " (limited proxy)" : "")", address: address, identity: peer.identity)
                promise.succeed(.certificateVerified)
            } catch let error as WireError {
                outcome.set(.failure(error))
                log(.rejected, .warning, "refused a client: \(error.message)", address: address, error: error)
                promise.succeed(.failed)
            } catch {
                promise.succeed(.failed)
            }
        }
    }

    func verify(_ certificates: [NIOSSLCertificate], address: String?, at time: Date = Date()) throws -> VerifiedPeer {
        let verified: VerifiedIdentity
        do {
            verified = try trust.verifier.verify(chain: try WireTLS.x509Chain(certificates), at: time)
        } catch let error as GridCAError {
            throw WireError(.peerNotTrusted, "the client's certificate chain was refused: \(error.message)", hint: error.hint, location: address, underlying: error)
        } catch {
            throw WireError(.peerNotTrusted, "the client's certificate chain cannot be read", hint: "present a proxy made by grid-proxy-init", location: address, underlying: error)
        }
        return try policy.admit(verified, address: address)
    }
}

/// The client side of the handshake: the server's host certificate must verify against the trusted
/// CAs (and their CRLs) and carry the dialled name as a subjectAltName dNSName.
struct ServerChainVerifier: Sendable {
    let trust: WireTrust
    /// The name the client dialled.
    let expectedName: String

    func callback(outcome: OutcomeBox<VerifiedIdentity>) -> NIOSSLCustomVerificationCallback {
        return { certificates, promise in
            do {
                outcome.set(.success(try verify(certificates)))
                promise.succeed(.certificateVerified)
            } catch let error as WireError {
                outcome.set(.failure(error))
                promise.succeed(.failed)
            } catch {
                promise.succeed(.failed)
            }
        }
    }

    func verify(_ certificates: [NIOSSLCertificate], at time: Date = Date()) throws -> VerifiedIdentity {
        let verified: VerifiedIdentity
        do {
            verified = try trust.verifier.verify(chain: try WireTLS.x509Chain(certificates), at: time)
        } catch let error as GridCAError {
            throw WireError(.serverNotTrusted, "the certificate of \(expectedName) was refused: \(error.message)", hint: error.hint, location: expectedName, underlying: error)
        } catch {
            throw WireError(.serverNotTrusted, "the certificate of \(expectedName) cannot be read", hint: "check the server's hostcert.pem", location: expectedName, underlying: error)
        }
        guard verified.proxyDepth == 0 else {
            throw WireError(
                .serverNotTrusted, "\(expectedName) presented a proxy certificate, not a host certificate",
                hint: "servers authenticate with /etc/grid-security/hostcert.pem", location: expectedName)
        }
        let names = WireTLS.dnsNames(of: verified.endEntity)
        guard names.contains(where: { WireTLS.hostNamesMatch($0, expectedName) }) else {
            let found = names.isEmpty ? "no DNS names" : "the names \(names.joined(separator: ", "))"
            throw WireError(
                .serverNameMismatch, "the server's certificate \(verified.identity) carries \(found), not \(expectedName)",
                hint: "dial the host by a name in its certificate, or issue it a host certificate for \(expectedName)", location: expectedName)
        }
        return verified
    }
}
