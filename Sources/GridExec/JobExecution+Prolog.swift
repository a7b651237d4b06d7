import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension JobExecution {
    /// Checks the user and the template, then makes the job's directory (root's until handed over).
    func makeWorkspace() throws -> Workspace {
        let user = try LocalUser.lookup(spec.user)
        let plan = try JobPlan(template: spec.template)
        let root = try JobsRoot.open(configuration.jobsDirectory)
        let directory = try Self.io("make the job's directory in '\(root.path)'", code: .jobDirectory) {
            try JobDirectory.create(in: root, name: String(spec.jobID), owner: user)
        }
        return Workspace(user: user, plan: plan, root: root, directory: directory)
    }

    /// Stages the inputs, checks the host paths, opens the streams, hands the directory over.
    func stageIn(_ workspace: Workspace) async throws -> Prepared {
        let plan = workspace.plan
        for file in plan.staged {
            try await stage(file, into: workspace.directory)
        }
        for path in plan.hostInputs {
            try Self.checkHostFile(path, what: "INPUT_FILES '\(path)'", regular: false)
        }
        if case .hostPath(let path) = plan.program {
            try Self.checkHostFile(path, what: "EXECUTABLE '\(path)'", regular: true)
        }
        let stdin = try openStdin(plan.stdin, in: workspace.directory)
        let stdout = try openStream(plan.stdoutName, in: workspace.directory, what: "STDOUT_FILE")
        let stderr = plan.stderrName == plan.stdoutName
            ? stdout : try openStream(plan.stderrName, in: workspace.directory, what: "STDERR_FILE")
        try Self.io("give the job's directory to \(workspace.user.name)", code: .jobDirectory) {
            try workspace.directory.handOver()
        }
        return Prepared(workspace: workspace, stdin: stdin, stdout: stdout, stderr: stderr)
    }

    /// Writes one staged input into the job's directory (executables get mode 0755).
    private func stage(_ file: JobPlan.StagedFile, into directory: JobDirectory) async throws {
        guard let input = spec.inputs[file.key] else {
            throw ExecError(.missingInput, "\(file.what) was not received by the gatekeeper",
                            hint: "gwd sends every staged file with the job; check that the file exists on the head node",
                            path: file.name)
        }
        let action = "stage \(file.what) as '\(file.name)'"
        let fd = try Self.io(action) { try directory.createFile(file.name, mode: file.executable ? 0o755 : 0o644) }
        switch input {
        case .data(let data):
            try Self.io(action) { try data.withUnsafeBytes { try SystemCalls.writeAll(fd.raw, $0) } }
        case .file(let path):
            try Self.io(action) { try Self.copy(from: path, to: fd) }
        case .stream(let chunks):
            do {
                for try await chunk in chunks {
                    try chunk.withUnsafeBytes { try SystemCalls.writeAll(fd.raw, $0) }
                }
            } catch {
                throw ExecError(.io, "cannot \(action)", path: file.name, underlying: error)
            }
        }
    }

    private static func copy(from path: String, to destination: FileDescriptor) throws {
        let source = try FileDescriptor.opening(path, flags: O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try buffer.withUnsafeMutableBytes { bytes in
                try SystemCalls.retrying("read \(path)") { read(source.raw, bytes.baseAddress, bytes.count) }
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try SystemCalls.writeAll(destination.raw, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// An absolute path that is not staged must exist on the host (the program itself is
    /// opened later as the user, so only its existence is checked here).
    private static func checkHostFile(_ path: String, what: String, regular: Bool) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ExecError(.missingHostFile, "\(what) does not exist on this host",
                            hint: "absolute paths are not staged; give a relative path to send the file with the job",
                            path: path, underlying: SystemCallError("stat", errno: errno))
        }
        if regular && !SystemCalls.isRegular(info) {
            throw ExecError(.missingHostFile, "\(what) is not a regular file on this host", path: path)
        }
    }

    /// The program's stdin. A host path is opened by the (root) gatekeeper, so it must be a
    /// file anyone may read: otherwise a template could read `/etc/shadow` through its stdin.
    private func openStdin(_ stdin: JobPlan.StandardInput, in directory: JobDirectory) throws -> FileDescriptor {
        switch stdin {
        case .null:
            return try Self.io("open /dev/null") { try FileDescriptor.opening("/dev/null", flags: O_RDONLY) }
        case .staged(let name):
            return try Self.io("open the staged STDIN_FILE '\(name)'") {
                try directory.fd.openAt(name, flags: O_RDONLY | O_NOFOLLOW | O_NOCTTY)
            }
        case .hostPath(let path):
            let real = try Self.publiclyReadable(path)
            return try Self.io("open STDIN_FILE '\(path)'") {
                try FileDescriptor.opening(real, flags: O_RDONLY | O_NOCTTY | O_NONBLOCK)
            }
        }
    }

    /// The resolved path, when every directory on the way may be searched by anyone and the
    /// file may be read by anyone.
    private static func publiclyReadable(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else {
            throw ExecError(.missingHostFile, "STDIN_FILE '\(path)' does not exist on this host", path: path,
                            underlying: SystemCallError("realpath", errno: errno))
        }
        let real = String(cString: resolved)
        free(resolved)
        var prefix = ""
        let components = real.split(separator: "/")
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            var info = stat()
            let last = index == components.count - 1
            let allowed = stat(prefix, &info) == 0 && info.st_mode & (last ? S_IROTH : S_IXOTH) != 0
            if !allowed || (last && !SystemCalls.isRegular(info) && info.st_mode & S_IFMT != S_IFCHR) {
                throw ExecError(.unsafePath, "STDIN_FILE '\(path)' is not a file that every user may read",
                                hint: "stage the file with the job (a relative path) instead", path: path)
            }
        }
        return real
    }

    /// STDOUT_FILE / STDERR_FILE in the job's directory, opened read-write so that the
    /// epilog reads back exactly the file the program wrote; /dev/null when discarded.
    private func openStream(_ name: String?, in directory: JobDirectory, what: String) throws -> FileDescriptor {
        guard let name else {
            return try Self.io("open /dev/null") { try FileDescriptor.opening("/dev/null", flags: O_WRONLY) }
        }
        return try Self.io("create \(what) '\(name)'") { try directory.createFile(name, mode: 0o644) }
    }

    /// Runs `body`; a failed system call becomes an `ExecError` saying what could not be done.
    static func io<T>(_ action: String, code: ExecError.Code = .io, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SystemCallError {
            throw ExecError(code, "cannot \(action)", underlying: error)
        }
    }
}
