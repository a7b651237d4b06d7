import Foundation
import LabModel
import Libvirt

/// One libvirt host as vgrid sees it: the connection, the guest images, local state, and
/// the lab operations (plan, up, status, down) built on them.
public final class LabHost: @unchecked Sendable {
    public let uri: String
    public let connection: LibvirtConnection
    public let state: StateStore
    public let images: ImageCatalog
    public let reporter: any ProgressReporter
    /// How many nodes are created and started at once.
    public var maxParallelNodes = 16
    /// How many guests `status` asks at once (each question mostly waits on a guest agent).
    public var maxParallelQueries = 32
    /// How long `up` waits for a node's guest agent before giving up on it.
    public var readyTimeoutSeconds: Double = 180
    /// Files and services that other parts (CA, middleware) add to every node's seed.
    public var seedContributors: [any SeedContributor] = []

    /// Directory of the storage pool vgrid creates on this host.
    public var poolPath: String { "\(state.root)/pool" }

    public init(uri: String, state: StateStore = StateStore(), images: ImageCatalog = ImageCatalog(),
                reporter: any ProgressReporter = SilentReporter()) throws {
        self.uri = uri
        self.state = state
        self.images = images
        self.reporter = reporter
        do {
            connection = try LibvirtConnection(uri: uri)
        } catch let error as LibvirtError {
            throw ProvisioningError(
                .libvirtUnreachable, "cannot connect to libvirt at \(uri): \(error.message)",
                hint: "start libvirtd (inside the lab's network namespace) with: scripts/lab-host.sh start"
                    + " — or choose another host with --connect URI / LIBVIRT_DEFAULT_URI",
                underlying: error)
        }
    }

    /// Runs a libvirt call and turns its error into a ProvisioningError naming the subject.
    func libvirt<T>(_ subject: String, _ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LibvirtError {
            throw ProvisioningError(.libvirtCall, "\(subject): \(what) failed: \(error.message) (\(error.operation))",
                                    hint: error.hint, subject: subject, underlying: error)
        }
    }

    /// The guest agent of a domain, over libvirt's agent channel.
    public func agent(domainName: String) throws -> GuestAgent {
        guard let domain = try libvirt(domainName, "lookup", { try connection.lookupDomain(name: domainName) }) else {
            throw ProvisioningError(.nodeNotFound, "no node named '\(domainName)' on \(uri)",
                                    hint: "list nodes with: vgrid status", subject: domainName)
        }
        return GuestAgent(node: domainName) { json, timeout in
            do {
                return try domain.qemuAgentCommand(json, timeoutSeconds: timeout)
            } catch let error as LibvirtError {
                throw ProvisioningError(.agent, "\(domainName): \(error.message)",
                                        hint: "is the node running? see: vgrid status", subject: domainName,
                                        underlying: error)
            }
        }
    }
}

/// Runs `body` for every item on threads of its own, at most `limit` at a time, and returns
/// the results in item order. The bodies block (libvirt calls, child processes, sleeps): on
/// GCD's global queue, which on Linux starts with one thread per core and adds one about
/// every second while all are blocked, they would wait for each other.
func boundedParallelMap<T: Sendable, R: Sendable>(_ items: [T], limit: Int,
                                                  _ body: @escaping @Sendable (T) throws -> R) -> [Result<R, Error>] {
    let results = UnsafeMutableBufferPointer<Result<R, Error>?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let slots = DispatchSemaphore(value: max(1, limit))
    let group = DispatchGroup()
    nonisolated(unsafe) let sink = results
    for (index, item) in items.enumerated() {
        slots.wait()
        group.enter()
        Thread.detachNewThread {
            sink[index] = Result { try body(item) }
            slots.signal()
            group.leave()
        }
    }
    group.wait()
    return results.map { $0! }
}
