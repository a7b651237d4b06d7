import Foundation
import Testing
import Libvirt

@Suite struct LibvirtErrorTests {
    @Test func connectingToBadURIThrowsWithHint() throws {
        // No daemon runs here, so libvirt's remote driver fails to reach its socket
        // (VIR_ERR_SYSTEM_ERROR); with a daemon it would answer VIR_ERR_NO_CONNECT. Both hint.
        #expect {
            try LibvirtConnection(uri: "vgrid-nonexistent:///nowhere")
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.operation == "virConnectOpen"
                && [LibvirtError.Code.systemError, LibvirtError.Code.noConnect].contains(error.code)
                && !error.message.isEmpty
                && error.hint?.contains("virtlogd -d && libvirtd -d") == true
        }
    }

    @Test func describesOperationMessageAndHint() {
        let error = LibvirtError(
            code: LibvirtError.Code.operationInvalid, domain: 10,
            message: "Requested operation is not valid: domain is already running", operation: "virDomainCreate")
        #expect(error.description == "virDomainCreate failed: Requested operation is not valid: "
                + "domain is already running (hint: the object is in the wrong state for virDomainCreate "
                + "(e.g. starting a running domain or destroying one that is shut off); check its state first)")
    }

    @Test func systemErrorHintsAtDaemonOnlyWhenConnecting() {
        #expect(LibvirtError.hint(forCode: LibvirtError.Code.systemError, operation: "virConnectOpen") != nil)
        #expect(LibvirtError.hint(forCode: LibvirtError.Code.systemError, operation: "virStorageVolUpload") == nil)
        #expect(LibvirtError.hint(forCode: LibvirtError.Code.noConnect, operation: "virDomainCreate") != nil)
        #expect(LibvirtError.hint(forCode: LibvirtError.Code.internalError, operation: "virDomainCreate") == nil)
    }

    @Test func explicitHintWins() {
        let error = LibvirtError(code: LibvirtError.Code.noDomain, domain: 0, message: "m", operation: "op", hint: "mine")
        #expect(error.hint == "mine")
    }

    @Test func errorsAreCapturedOnTheThreadThatFailed() throws {
        // libvirt keeps the last error per thread: concurrent failures must not mix messages.
        let connection = try testConnection()
        let results = LockedArray()
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            do {
                if index.isMultiple(of: 2) {
                    try connection.defineDomain(xml: "<domain type='qemu'><name>x\(index)</name")
                } else {
                    let domain = try connection.lookupDomain(name: "test")
                    try domain?.create()  // already running
                }
            } catch let error as LibvirtError {
                results.append((index, error))
            } catch {}
        }
        let collected = results.values
        #expect(collected.count == 40)
        for (index, error) in collected {
            if index.isMultiple(of: 2) {
                #expect(error.operation == "virDomainDefineXML" && error.message.contains("x\(index)"))
            } else {
                #expect(error.operation == "virDomainCreate" && error.message.contains("already running"))
            }
        }
    }
}

/// A tiny thread-safe collector for the concurrency test.
final class LockedArray: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, LibvirtError)] = []

    func append(_ item: (Int, LibvirtError)) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var values: [(Int, LibvirtError)] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
