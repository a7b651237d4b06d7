import ArgumentParser
import Foundation
import LabBundle
import LabModel
import Provisioning

/// Turns typed errors into a message on stderr and a sysexits-style exit code, so users see
/// what failed and how to fix it instead of a stack trace.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LabFileError {
        // Compiler-style lines (file:line:column: error: ...) stand on their own.
        FileHandle.standardError.write(Data((String(describing: error) + "\n").utf8))
        throw ExitCode(65)  // EX_DATAERR
    } catch let error as ProvisioningError {
        printError("error: " + error.description)
        switch error.code {
        case .libvirtUnreachable, .toolMissing: throw ExitCode(69)  // EX_UNAVAILABLE
        case .imageMissing, .imageInvalid, .labNotFound, .nodeNotFound, .userNotFound: throw ExitCode(66)  // EX_NOINPUT
        default: throw ExitCode(1)
        }
    } catch let error as BundleError {
        printError("error: " + error.description)
        switch error.code {
        case .notFound: throw ExitCode(66)  // EX_NOINPUT
        case .truncated, .corrupt, .unsupportedVersion, .unsafeMember, .manifestMismatch: throw ExitCode(65)  // EX_DATAERR
        case .conflict: throw ExitCode(73)  // EX_CANTCREAT
        default: throw ExitCode(1)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(("vgrid: " + text + "\n").utf8))
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
