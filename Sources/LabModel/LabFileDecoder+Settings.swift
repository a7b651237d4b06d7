import Yams

extension LabFileDecoder {
    static let caKeys = ["subject", "user_dn_base", "key_bits", "ca_lifetime_days", "cert_lifetime_days"]
    static let keyBitChoices = [2048, 3072, 4096]
    static let lifetimeRange = 1...36500
    static let middlewareKeys = ["gwd", "sched", "slots_per_worker"]
    static let slotsRange = 1...64

    mutating func caSettings(_ node: YAMLNode) -> CASettings {
        var ca = CASettings()
        guard let section = fields(node, in: "'ca'", allowed: Self.caKeys) else { return ca }
        if let node = section["subject"] { ca.subject = distinguishedName(node, for: "subject") }
        if let node = section["user_dn_base"] { ca.userDNBase = distinguishedName(node, for: "user_dn_base") }
        if let node = section["key_bits"], let bits = int(node, for: "key_bits") {
            if Self.keyBitChoices.contains(bits.value) {
                ca.keyBits = bits.value
            } else {
                report(.invalidValue, at: bits.location, "'key_bits' must be 2048, 3072 or 4096, got \(bits.value)",
                       hint: "2048 is quick to generate and enough for a lab")
            }
        }
        let caDays = section["ca_lifetime_days"].flatMap { int($0, for: "ca_lifetime_days", in: Self.lifetimeRange) }
        let certDays = section["cert_lifetime_days"].flatMap { int($0, for: "cert_lifetime_days", in: Self.lifetimeRange) }
        if let caDays { ca.caLifetimeDays = caDays.value }
        if let certDays {
            if certDays.value > ca.caLifetimeDays {
                report(.conflict, at: certDays.location,
                       "certificates would outlive the CA: 'cert_lifetime_days' is \(certDays.value), "
                       + "'ca_lifetime_days' is \(ca.caLifetimeDays)",
                       hint: "make 'cert_lifetime_days' at most \(ca.caLifetimeDays)")
            } else {
                ca.certLifetimeDays = certDays.value
            }
        }
        return ca
    }

    /// A one-line DN in OpenSSL's slash form: `/O=Grid/OU=GlobusTest/CN=Globus Simple CA`.
    mutating func distinguishedName(_ node: YAMLNode, for key: String) -> String? {
        guard let text = string(node, for: key) else { return nil }
        let parts = text.value.split(separator: "/", omittingEmptySubsequences: false)
        let wellFormed = parts.count >= 2 && parts[0].isEmpty && parts.dropFirst().allSatisfy { part in
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return pair.count == 2 && !pair[0].isEmpty && !pair[1].isEmpty
                && pair[0].allSatisfy { $0.isASCII && $0.isLetter }
        }
        guard wellFormed else {
            report(.invalidValue, at: text.location, "invalid distinguished name '\(text.value)' for '\(key)'",
                   hint: "write it as /KEY=value/KEY=value, e.g. /O=Grid/OU=GlobusTest/CN=Globus Simple CA")
            return nil
        }
        return text.value
    }

    mutating func middlewareSettings(_ node: YAMLNode) -> MiddlewareSettings {
        var settings = MiddlewareSettings()
        guard let section = fields(node, in: "'middleware'", allowed: Self.middlewareKeys) else { return settings }
        if let node = section["gwd"] { settings.gwd = knobs(node, file: "gwd") }
        if let node = section["sched"] { settings.sched = knobs(node, file: "sched") }
        if let node = section["slots_per_worker"], let slots = int(node, for: "slots_per_worker", in: Self.slotsRange) {
            settings.slotsPerWorker = slots.value
        }
        return settings
    }
}
