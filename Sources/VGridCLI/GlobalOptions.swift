import ArgumentParser
import Foundation

/// Flags every host command shares, named as virsh names them.
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .long], help: ArgumentHelp(
        "libvirt connection URI (default: $LIBVIRT_DEFAULT_URI, else qemu:///system).", valueName: "URI"))
    var connect: String?

    var uri: String {
        if let connect, !connect.isEmpty { return connect }
        if let env = ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"], !env.isEmpty { return env }
        return "qemu:///system"
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(help: "Print machine-readable JSON.")
    var json = false

    @Flag(name: [.customShort("q"), .long], help: "Print only errors and the result.")
    var quiet = false
}
