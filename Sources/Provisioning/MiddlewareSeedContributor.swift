import LabModel

/// Installs the teaching middleware: GridWay's files under `/usr/local/gw/etc` on the headnode
/// (rendered from the lab's `middleware:` section), and the daemons to start: gwd and gsiftpd on
/// the headnode, a gatekeeper and gsiftpd on every workernode.
///
/// Names are the ones in the host certificates (`<node>.<instance>.grid`), so that mutual TLS
/// checks them; `/etc/hosts` resolves them over the internal network.
struct MiddlewareSeedContributor: SeedContributor {
    static let location = "/usr/local/gw"

    var middleware: MiddlewareSettings

    func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws {
        seed.environment.append(("GW_LOCATION", Self.location))
        guard let head = layout.instance.headnodes.first else { return }
        let headName = Self.gridName(head.name, layout)
        if node.node.name == head.name {
            let admins = layout.instance.users.filter(\.admin).map(\.name)
            let etc = Self.location + "/etc/"
            seed.files.append(.init(path: etc + "gwd.conf", mode: 0o644, text: gwdConf()))
            seed.files.append(.init(path: etc + "sched.conf", mode: 0o644, text: schedConf()))
            seed.files.append(.init(path: etc + "job_template.default", mode: 0o644, text: Self.jobTemplateDefault))
            // Live: scaling the workers must not restart the headnode (gwd reads it when it starts).
            seed.liveFiles.append(.init(path: etc + "host.list", mode: 0o644, text: hostList(layout)))
            seed.services.append(.init(name: "gwd", command: "gwd -hostname \(headName) -admin \((["root"] + admins).joined(separator: ","))"))
            seed.services.append(.init(name: "gsiftpd", command: "gsiftpd -hostname \(headName)"))
        } else if node.node.role == .workernode {
            let name = Self.gridName(node.node.name, layout)
            seed.services.append(.init(name: "gatekeeper", command:
                "gatekeeper -gwd \(headName) -hostname \(name) -slots \(middleware.slotsPerWorker) -heartbeat 3"))
            seed.services.append(.init(name: "gsiftpd", command: "gsiftpd -hostname \(name)"))
        }
    }

    static func gridName(_ node: String, _ layout: InstanceLayout) -> String { "\(node).\(layout.id).grid" }

    func hostList(_ layout: InstanceLayout) -> String {
        "# The workernodes gwd schedules to (GridWay's static host list), written by vgrid up.\n"
            + layout.instance.workernodes.map { Self.gridName($0.name, layout) + "\n" }.joined()
    }

    /// A lab needs quicker reactions than a production grid: a lost worker is noticed in 15 s.
    static let labGwdDefaults: [String: String] = [
        "GWD_PORT": "6725", "MAX_NUMBER_OF_CLIENTS": "25", "SCHEDULING_INTERVAL": "15",
        "DISCOVERY_INTERVAL": "300", "MONITORING_INTERVAL": "15", "POLL_INTERVAL": "300",
    ]

    func gwdConf() -> String {
        var values = Self.labGwdDefaults
        for (key, value) in middleware.gwd { values[key] = value }
        return """
            # gwd.conf - GridWay daemon configuration (written by vgrid up from the lab's middleware.gwd).
            # Change a value, then restart gwd: vgrid-service restart gwd
            #
            # GWD_PORT             port gwd listens on
            # MAX_NUMBER_OF_CLIENTS
            # SCHEDULING_INTERVAL  seconds between safety-net scheduling passes (vgrid dispatches on events)
            # MONITORING_INTERVAL  seconds without a heartbeat after which a workernode counts as lost

            """ + values.keys.sorted().map { "\($0) = \(values[$0]!)\n" }.joined()
    }

    func schedConf() -> String {
        """
        # sched.conf - GridWay's built-in scheduling policy (written by vgrid up from middleware.sched).
        # Change a value, then restart gwd: vgrid-service restart gwd
        #
        # DISPATCH_CHUNK        jobs dispatched per scheduling pass (0: no limit)
        # MAX_DISPATCH_RESOURCE jobs sent to one host per pass
        # MAX_RUNNING_USER      jobs one user may have running at once
        # FP_WEIGHT, SH_WEIGHT, WT_WEIGHT, DL_WEIGHT   job priority weights
        # RP_WEIGHT, RA_WEIGHT, UG_WEIGHT              host ranking weights
        # FP_USER[name], SH_USER[name], RP_HOST[name]  per user / host values

        """ + middleware.sched.keys.sorted().map { "\($0) = \(middleware.sched[$0]!)\n" }.joined()
    }

    static let jobTemplateDefault = """
        # job_template.default - read before every job template (GridWay's site defaults).
        STDOUT_FILE          = stdout.${JOB_ID}
        STDERR_FILE          = stderr.${JOB_ID}
        RESCHEDULE_ON_FAILURE = yes
        NUMBER_OF_RETRIES    = 3

        """
}
