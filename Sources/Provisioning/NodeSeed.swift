import Crypto
import Foundation

/// What a node's seed disk carries: the NoCloud files plus vgrid's own layout, read by the
/// guest image's boot script (see images/tiny/SEED.md).
public struct NodeSeed: Sendable {
    public struct File: Sendable, Equatable {
        public var path: String
        public var mode: Int
        public var owner: String
        public var group: String
        public var contents: [UInt8]

        public init(path: String, mode: Int, owner: String = "root", group: String = "root", contents: [UInt8]) {
            self.path = path
            self.mode = mode
            self.owner = owner
            self.group = group
            self.contents = contents
        }

        public init(path: String, mode: Int, owner: String = "root", group: String = "root", text: String) {
            self.init(path: path, mode: mode, owner: owner, group: group, contents: Array(text.utf8))
        }
    }

    public struct Account: Sendable, Equatable {
        public var name: String
        public var uid: Int
        public var home: String
        public var shell: String
    }

    /// A directory the boot script creates (with its parents) and gives this mode and owner,
    /// e.g. `~/.ssh` with 0700: files.list writes it as a destination ending in `/`.
    public struct Directory: Sendable, Equatable {
        public var path: String
        public var mode: Int
        public var owner: String
        public var group: String

        public init(path: String, mode: Int, owner: String = "root", group: String = "root") {
            self.path = path
            self.mode = mode
            self.owner = owner
            self.group = group
        }
    }

    public struct Service: Sendable, Equatable {
        public var name: String
        public var command: String
    }

    public var instanceID: String
    public var hostname: String
    /// Shell assignments for `vgrid/node.env`, in order.
    public var environment: [(String, String)]
    public var hosts: String
    public var accounts: [Account] = []
    /// Directories with a mode or owner of their own, made before the files.
    public var directories: [Directory] = []
    public var files: [File] = []
    /// Files that change with the lab's membership (which nodes exist): a change here is
    /// pushed to running nodes instead of rebooting them.
    public var liveFiles: [File] = []
    public var services: [Service] = []
    public var networkConfig: String
    public var userData: String


    /// Hash of everything but /etc/hosts and the live files: a change here needs the node
    /// to boot again.
    public var contentHash: String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Array(text.utf8)); hasher.update(data: [0]) }
        add(instanceID); add(hostname); add(networkConfig); add(userData)
        for (key, value) in environment { add(key); add(value) }
        for account in accounts { add("\(account.name):\(account.uid):\(account.home):\(account.shell)") }
        for directory in directories {
            add("\(directory.path)/ \(String(directory.mode, radix: 8)) \(directory.owner):\(directory.group)")
        }
        for file in files {
            add("\(file.path) \(String(file.mode, radix: 8)) \(file.owner):\(file.group)")
            hasher.update(data: file.contents)
        }
        for service in services { add("\(service.name) \(service.command)") }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Hash of /etc/hosts and the live files: a change here is pushed to the running node.
    public var hostsHash: String {
        var hasher = SHA256()
        hasher.update(data: Array(hosts.utf8))
        for file in liveFiles {
            hasher.update(data: Array("\0\(file.path)\0".utf8))
            hasher.update(data: file.contents)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Everything pushed to a running node when only membership changed.
    public var pushedFiles: [File] {
        [File(path: "/etc/hosts", mode: 0o644, text: hosts)] + liveFiles
    }
}

/// Lets later parts (the lab CA, the middleware) add files and services to every seed
/// without provisioning knowing about them.
public protocol SeedContributor: Sendable {
    func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws
}
