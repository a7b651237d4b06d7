import ArgumentParser

/// `vgrid`: virtual grid labs for teaching, on libvirt.
public struct VGridCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vgrid",
        abstract: "Declarative virtual grid labs for teaching grid computing, on libvirt.",
        discussion: """
            A lab file (YAML) describes a headnode, workernodes, two networks, users, a CA and \
            middleware settings. `vgrid up LAB.yaml` turns it into libvirt domains and networks.
            The libvirt connection is chosen as virsh does: --connect, then LIBVIRT_DEFAULT_URI, \
            then qemu:///system.
            """,
        version: VGridVersion.current,
        subcommands: [Validate.self, Plan.self, Up.self, Status.self, Down.self, Reset.self, Exec.self, Ssh.self, Console.self, CA.self, TutorialCommand.self,
                      Export.self, Import.self, BundleCommand.self])

    public init() {}
}

public enum VGridVersion {
    public static let current = "0.1.0"
}
