extension DomainSpec {
    /// The domain XML for `virDomainDefineXML`.
    ///
    /// Throws only when a value holds a character XML cannot carry.
    public func render() throws -> String {
        let builder = XMLBuilder(root: "domain")
        let domain = builder.root
        try domain.set("type", virtType.rawValue)
        try domain.child("name", text: name)
        if let uuid { try domain.child("uuid", text: uuid.uuidString.lowercased()) }
        if let title { try domain.child("title", text: title) }
        if let description { try domain.child("description", text: description) }
        if let owner { try owner.render(under: try domain.child("metadata")) }
        try domain.child("memory", [("unit", "MiB")], text: String(memoryMiB))
        try domain.child("vcpu", text: String(vcpus))
        try renderOS(under: domain)
        try renderFeatures(under: domain)
        if let cpuMode { try domain.child("cpu", [("mode", cpuMode.rawValue)]) }
        try domain.child("on_poweroff", text: "destroy")
        try domain.child("on_reboot", text: "restart")
        try domain.child("on_crash", text: "destroy")
        try renderDevices(under: try domain.child("devices"))
        return builder.serialize()
    }

    private func renderOS(under domain: XMLBuilder.Element) throws {
        let os = try domain.child("os")
        try os.child("type", [("arch", boot.arch), ("machine", boot.machine)], text: "hvm")
        try os.child("kernel", text: boot.kernelPath)
        if let initrd = boot.initrdPath { try os.child("initrd", text: initrd) }
        if let cmdline = boot.commandLine { try os.child("cmdline", text: cmdline) }
    }

    private func renderFeatures(under domain: XMLBuilder.Element) throws {
        let features = try domain.child("features")
        // ACPI lets virDomainShutdown ask the guest to power off.
        try features.child("acpi")
        if virtType == .qemu, let cacheMiB = tcgTranslationCacheMiB {
            try features.child("tcg").child("tb-cache", [("unit", "MiB")], text: String(cacheMiB))
        }
    }

    private func renderDevices(under devices: XMLBuilder.Element) throws {
        for disk in disks { try disk.render(under: devices) }
        for interface in interfaces { try interface.render(under: devices) }
        let serial = try devices.child("serial", [("type", "pty")])
        if let log = serialLogPath { try serial.child("log", [("file", log), ("append", "on")]) }
        try serial.child("target", [("port", "0")])
        try devices.child("console", [("type", "pty")]).child("target", [("type", "serial"), ("port", "0")])
        if guestAgentChannel {
            try devices.child("channel", [("type", "unix")])
                .child("target", [("type", "virtio"), ("name", "org.qemu.guest_agent.0")])
        }
        if virtioRNG {
            try devices.child("rng", [("model", "virtio")])
                .child("backend", [("model", "random")], text: "/dev/urandom")
        }
        if freePageReportingBalloon {
            try devices.child("memballoon", [("model", "virtio"), ("freePageReporting", "on")])
        } else {
            try devices.child("memballoon", [("model", "none")])
        }
    }
}

extension DiskSpec {
    func render(under devices: XMLBuilder.Element) throws {
        let disk: XMLBuilder.Element
        switch source {
        case .file(let path):
            disk = try devices.child("disk", [("type", "file"), ("device", "disk")])
            try disk.child("driver", [("name", "qemu"), ("type", format.rawValue)])
            try disk.child("source", [("file", path)])
        case .volume(let pool, let volume):
            disk = try devices.child("disk", [("type", "volume"), ("device", "disk")])
            try disk.child("driver", [("name", "qemu"), ("type", format.rawValue)])
            try disk.child("source", [("pool", pool), ("volume", volume)])
        }
        try disk.child("target", [("dev", targetDevice), ("bus", bus)])
        if readOnly { try disk.child("readonly") }
    }
}

extension InterfaceSpec {
    func render(under devices: XMLBuilder.Element) throws {
        let interface: XMLBuilder.Element
        switch source {
        case .network(let name):
            interface = try devices.child("interface", [("type", "network")])
            if let macAddress { try interface.child("mac", [("address", macAddress)]) }
            try interface.child("source", [("network", name)])
        case .bridge(let name):
            interface = try devices.child("interface", [("type", "bridge")])
            if let macAddress { try interface.child("mac", [("address", macAddress)]) }
            try interface.child("source", [("bridge", name)])
        }
        try interface.child("model", [("type", model)])
        if !bootROM { try interface.child("rom", [("enabled", "no")]) }
    }
}
