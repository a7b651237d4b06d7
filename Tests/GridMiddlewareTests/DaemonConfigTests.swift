import Testing
@testable import GridMiddleware

struct DaemonConfigTests {
    @Test func hasGridWaysShippedDefaults() throws {
        let config = try DaemonConfig.parse("")
        #expect(config.gwdPort == 6725 && config.maxNumberOfClients == 25)
        #expect((config.schedulingInterval, config.discoveryInterval, config.monitoringInterval, config.pollInterval) == (15, 300, 180, 300))
        #expect(config.scheduler.raw == "builtin:gw_sched:")
        #expect(config.informationDrivers.isEmpty)
    }

    @Test func readsValuesDriversAndComments() throws {
        let config = try DaemonConfig.parse("""
            # Daemon port
            GWD_PORT              = 7000
            SCHEDULING_INTERVAL   = 5   # fast labs
            IM_MAD = static:gw_im_mad_static:-l etc/hosts.list:gsiftp:vgrid
            IM_MAD = other:gw_im_mad_static::gsiftp:vgrid
            EM_MAD = vgrid:gw_em_mad_vgrid::rsl2
            TM_MAD = gsiftp:gw_tm_mad_vgrid:
            DM_SCHED = builtin:gw_sched:
            """)
        #expect(config.gwdPort == 7000 && config.schedulingInterval == 5)
        #expect(config.informationDrivers.map(\.name) == ["static", "other"])
        #expect(config.informationDrivers[0].fields == ["static", "gw_im_mad_static", "-l etc/hosts.list", "gsiftp", "vgrid"])
        #expect(config.executionDrivers[0].executable == "gw_em_mad_vgrid")
        #expect(config.transferDrivers[0].name == "gsiftp")
    }

    @Test func ignoresGridWaysPoolSizesWithAWarning() throws {
        let (config, warnings) = try DaemonConfig.parseReporting("NUMBER_OF_JOBS = 200\nGWD_PORT = 6725\n")
        #expect(config.gwdPort == 6725)
        #expect(warnings.map(\.description) == ["gwd.conf:1:1: warning: NUMBER_OF_JOBS is a GridWay key that vgrid ignores"])
    }

    @Test func rejectsAnUnknownKeyWithLineAndHint() {
        let error = middlewareError { try DaemonConfig.parse("GWD_PORT = 1\nSCHEDULING_INTERVALL = 3\n") }
        #expect(error.code == .unknownKey)
        #expect(error.description == "gwd.conf:2:1: error: unknown key 'SCHEDULING_INTERVALL' in gwd.conf\n  hint: did you mean 'SCHEDULING_INTERVAL'?")
    }

    @Test func pointsASchedulerKeyToSchedConf() {
        #expect(middlewareError { try DaemonConfig.parse("DISPATCH_CHUNK = 3\n") }.hint == "DISPATCH_CHUNK belongs in sched.conf")
    }

    @Test func rejectsOutOfRangeValues() {
        let error = middlewareError { try DaemonConfig.parse("GWD_PORT = 70000\n") }
        #expect(error.code == .invalidValue && error.message == "GWD_PORT: 70000 is out of range" && error.location?.line == 1)
    }
}

struct SchedulerConfigTests {
    @Test func hasGridWaysDefaults() throws {
        let c = try SchedulerConfig.parse("")
        #expect((c.dispatchChunk, c.maxDispatchResource, c.maxRunningUser) == (15, 5, 30))
        #expect((c.fixedPriorityWeight, c.shareWeight, c.waitingTimeWeight, c.deadlineWeight) == (1, 1, 0, 1))
        #expect((c.resourcePriorityWeight, c.rankWeight, c.usageWeight) == (1, 1, 1))
        #expect((c.defaultUserPriority, c.defaultUserShare, c.defaultHostPriority) == (0, 5, 1))
        #expect((c.failureMaxBanned, c.failureBannedC) == (3600, 650))
        #expect(!c.disabled)
    }

    @Test func readsPlainAndIndexedKeys() throws {
        let c = try SchedulerConfig.parse("""
            DISPATCH_CHUNK = 0
            MAX_RUNNING_USER = 4
            WT_WEIGHT = 0.5
            FP_USER[alice] = 2
            FP_USER[DEFAULT] = 1
            SH_USER[bob] = 10
            RP_HOST[worker1] = 00   # do not use worker1
            RP_HOST[worker2.lab] = 10
            RP_IM[static] = 20
            RP_IM[*] = 3
            """)
        #expect(c.dispatchChunk == 0 && c.maxRunningUser == 4 && c.waitingTimeWeight == 0.5)
        #expect(c.userPriority("alice") == 2 && c.userPriority("carol") == 1)
        #expect(c.userShare("bob") == 10 && c.userShare("alice") == 5)
        #expect(c.hostPriority(name: "worker1") == 0)
        #expect(c.hostPriority(name: "worker2.lab") == 10)
        #expect(c.hostPriority(name: "worker3", driver: "static") == 20)
        #expect(c.hostPriority(name: "worker3") == 3)
    }

    @Test func ignoresGroupsWithAWarning() throws {
        let (_, warnings) = try SchedulerConfig.parseReporting("FP_GROUP[staff] = 4\n")
        #expect(warnings.count == 1 && warnings[0].message.contains("no user groups"))
    }

    @Test func rejectsAnUnknownKeyWithLineAndHint() {
        let error = middlewareError { try SchedulerConfig.parse("\nMAX_RUNING_USER = 3\n") }
        #expect(error.code == .unknownKey && error.location?.line == 2 && error.hint == "did you mean 'MAX_RUNNING_USER'?")
    }

    @Test func requiresANameForIndexedKeysAndNoneForPlainOnes() {
        let missing = middlewareError { try SchedulerConfig.parse("FP_USER = 3\n") }
        #expect(missing.code == .missingValue && missing.hint == "write FP_USER[name] = value, or FP_USER[DEFAULT] = value")
        #expect(middlewareError { try SchedulerConfig.parse("DISPATCH_CHUNK[x] = 3\n") }.code == .syntax)
    }

    @Test func rejectsBadValues() {
        #expect(middlewareError { try SchedulerConfig.parse("FP_USER[a] = 20\n") }.message == "FP_USER[a]: 20 is out of range")
        #expect(middlewareError { try SchedulerConfig.parse("RP_HOST[w] = 100\n") }.code == .invalidValue)
        #expect(middlewareError { try SchedulerConfig.parse("SH_WEIGHT = -1\n") }.message == "SH_WEIGHT: expected a number of 0 or more, found '-1'")
        #expect(middlewareError { try SchedulerConfig.parse("DISABLE = maybe\n") }.code == .invalidValue)
    }

    @Test func pointsADaemonKeyToGwdConf() {
        #expect(middlewareError { try SchedulerConfig.parse("GWD_PORT = 1\n") }.hint == "GWD_PORT belongs in gwd.conf")
    }
}
