import GridTools

/// Every command of the guest binary `vgrid-guest`, by group. Each helper file adds its command types here.
public enum GuestCommands {
    /// GridWay's student commands (talk to gwd).
    public static let gridWay: [any GridCommand.Type] = [
        // GridWay commands: gwsubmit, gwps, gwhost, gwwait, gwkill, gwhistory, gwacct, gwuser, gwdag
    ]

    /// Globus commands that talk to a gatekeeper or transfer service directly.
    public static let globus: [any GridCommand.Type] = [
        // globus-job-run, globus-url-copy
    ]

    /// The daemons (run by vgrid-service on the nodes, or by tests on loopback).
    public static let daemons: [any GridCommand.Type] = [
        GwdCommand.self,
    ]

    public static var all: [any GridCommand.Type] { GuestMultiCall.commands + gridWay + globus + daemons }
}
