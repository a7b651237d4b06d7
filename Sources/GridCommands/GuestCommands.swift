import GridTools

/// Every command of the guest binary `vgrid-guest`, by group. Each helper file adds its command types here.
public enum GuestCommands {
    /// GridWay's student commands (talk to gwd).
    public static let gridWay: [any GridCommand.Type] = [
        GwSubmit.self, GwPs.self, GwHost.self, GwWait.self, GwKill.self, GwHistory.self, GwAcct.self, GwUser.self, GwDag.self,
    ]

    /// Globus commands that talk to a gatekeeper or transfer service directly.
    public static let globus: [any GridCommand.Type] = [
        GlobusJobRun.self, GlobusURLCopy.self,
    ]

    /// The daemons (run by vgrid-service on the nodes, or by tests on loopback).
    public static let daemons: [any GridCommand.Type] = [
        GwdCommand.self, GatekeeperDaemon.self, TransferDaemon.self,
    ]

    public static var all: [any GridCommand.Type] { GuestMultiCall.commands + gridWay + globus + daemons }
}
