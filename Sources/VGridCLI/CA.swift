import ArgumentParser
import Foundation
import GridCA
import LabModel
import Provisioning

/// `vgrid ca LAB.yaml show|list|issue-user NAME|revoke DN|SERIAL|renew DN|SERIAL`: the
/// instructor's side of the lab CA. The lab file comes first, as the design card writes it.
struct CA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Inspect and manage a lab's certificate authority.",
        discussion: """
            Actions:
              show                  the CA's subject, hash, validity and files
              list                  issued certificates with serial, DN, expiry and status
              issue-user NAME       issue a user certificate (key encrypted with a generated passphrase)
              revoke DN|SERIAL      revoke, publish the CRL and push it to the running nodes
              renew DN|SERIAL       re-issue (same DN and key, new validity); `vgrid up` installs it
            The CA lives on this host (its private key never goes to the nodes); `vgrid up` creates it.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case show, list, issueUser = "issue-user", revoke, renew
    }

    @Argument(help: "The lab or course file.") var file: String
    @Argument(help: "show, list, issue-user, revoke or renew.") var action: Action
    @Argument(help: "The account (issue-user), or the DN or serial (revoke, renew).") var target: String?
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        switch action {
        case .show, .list:
            if target != nil { throw ValidationError("'\(action.rawValue)' takes no further argument") }
        case .issueUser, .revoke, .renew:
            if target == nil { throw ValidationError("'\(action.rawValue)' needs \(action == .issueUser ? "an account name" : "a DN or serial number")") }
        }
    }

    func run() throws {
        try reportingFailures {
            let lab = try LabReference(text: file).load()
            let ca = LabCA(lab: lab)
            switch action {
            case .show: try show(ca)
            case .list: try list(ca)
            case .issueUser:
                let user = try ca.issueUser(target!)
                print("DN         : \(user.dn)\npassphrase : \(user.passphrase)")
                if !lab.instances.contains(where: { $0.users.contains { $0.name == target! } }) {
                    print("note: '\(target!)' is not an account of the lab: add it under `users:` in \(file) and run `vgrid up` to create the account and install its credentials")
                }
            case .revoke:
                for record in try ca.revoke(target!) { print("revoked \(record.serial) \(record.subject)") }
                try pushToRunningLab(lab, uri: connection.uri)
            case .renew:
                let record = try ca.renew(target!)
                print("renewed \(record.subject): serial \(record.serial), valid until \(record.notAfter.formatted(.iso8601))")
            }
        }
    }

    func show(_ ca: LabCA) throws {
        let summary = try ca.summary()
        if output.json { try printJSON(summary); return }
        print("subject     : \(summary.subject)")
        print("hash        : \(summary.hash)  (/etc/grid-security/certificates/\(summary.hash).0 on every node)")
        print("valid until : \(summary.notAfter.formatted(.iso8601))")
        print("issued      : \(summary.issued) certificate(s), \(summary.revoked) revoked")
        print("directory   : \(summary.directory)")
        print("sheet       : \(summary.sheet)")
    }

    func list(_ ca: LabCA) throws {
        let records = try ca.records()
        if output.json { try printJSON(records); return }
        printTable([["SERIAL", "KIND", "EXPIRES", "STATUS", "DN"]] + records.map { record in
            let status = record.status == .revoked ? "revoked" : (record.isExpired() ? "expired" : "valid")
            return [String(record.serial), record.kind.rawValue,
                    record.notAfter.formatted(.iso8601.year().month().day()), status, record.subject]
        })
    }
}

/// A running lab gets the new CRL and grid-mapfile at once: `up` pushes changed live files
/// to running nodes without rebooting them.
func pushToRunningLab(_ lab: Lab, uri: String) throws {
    let host = try LabHost(uri: uri, reporter: TerminalReporter(quiet: true))
    guard try !host.status(labName: lab.name).isEmpty else { return }
    let summary = try host.up(lab)
    let pushed = summary.actions.filter { $0.kind == .update }.map(\.name)
    print(pushed.isEmpty ? "the running nodes already had it" : "pushed to \(pushed.joined(separator: ", "))")
}
