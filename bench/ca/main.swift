// vgrid-bench-ca: how long the lab CA takes to provision a class, and to verify a proxy chain.
// Build in release mode: swift run -c release vgrid-bench-ca [--students N] [--hosts N] [--iterations N]
import Foundation
import GridCA

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { return value }
    return number
}

let students = option("--students", default: 30)
let hosts = option("--hosts", default: 3)
let iterations = option("--iterations", default: 500)
let keygenSamples = option("--keygen-samples", default: 10)

let root = FileManager.default.temporaryDirectory.appendingPathComponent("vgrid-bench-ca-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }

// 1. RSA 2048 key generation alone: the dominant cost.
var keygenTimes: [Double] = []
for _ in 0..<keygenSamples {
    keygenTimes.append(try seconds { _ = try PrivateKeyPEM.generate() })
}
keygenTimes.sort()
let sampleKey = try PrivateKeyPEM.generate()
var encryptTimes: [Double] = []
for _ in 0..<keygenSamples {
    encryptTimes.append(try seconds { _ = try PrivateKeyPEM.encrypted(sampleKey, passphrase: "bench") })
}
encryptTimes.sort()

// 2. A whole class: CA, host certificates, user certificates with encrypted keys, files written as provisioning would.
var store: CAStore!
var lastUser: GridCredential!
let caTime = try seconds {
    store = try CAStore.create(at: root.appendingPathComponent("ca"), subject: CertificateAuthority.defaultSubject(lab: "bench"))
}
let hostTime = try seconds {
    let nodes = (1...hosts).map { ["node\($0).bench.lab"] }
    for (index, host) in try store.issueHosts(nodes).enumerated() {
        let directory = root.appendingPathComponent("node\(index + 1)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try host.certificatePEM.write(to: directory.appendingPathComponent("hostcert.pem"), atomically: true, encoding: .utf8)
        try host.keyPEM.write(to: directory.appendingPathComponent("hostkey.pem"), atomically: true, encoding: .utf8)
    }
}
let userTime = try seconds {
    let names = (1...students).map { String(format: "student%02d", $0) }
    for (name, user) in zip(names, try store.issueUsers(names: names)) {
        let directory = root.appendingPathComponent("home/\(name)/.globus")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try user.certificatePEM.write(to: directory.appendingPathComponent("usercert.pem"), atomically: true, encoding: .utf8)
        try user.encryptedKeyPEM(passphrase: "\(name)-pass").write(to: directory.appendingPathComponent("userkey.pem"), atomically: true, encoding: .utf8)
        lastUser = user
    }
}
let trustTime = try seconds { try store.installTrust(into: root.appendingPathComponent("certificates")) }
let classTotal = caTime + hostTime + userTime + trustTime

// 3. Verifying a proxy chain (proxy -> user -> CA, with CRL), as a gatekeeper does per connection.
let verifier = try GSIVerifier(trustDirectory: root.appendingPathComponent("certificates"))
let proxy = try ProxyFactory.create(from: lastUser)
let proxyText = ProxyFile.text(of: proxy)
var verifyTimes: [Double] = []
var parseAndVerifyTimes: [Double] = []
for _ in 0..<iterations {
    verifyTimes.append(try seconds { _ = try verifier.verify(credential: proxy) })
    parseAndVerifyTimes.append(try seconds { _ = try verifier.verify(credential: try ProxyFile.parse(proxyText)) })
}
verifyTimes.sort()
parseAndVerifyTimes.sort()

func ms(_ value: Double) -> String { String(format: "%.3f ms", value * 1000) }
func s(_ value: Double) -> String { String(format: "%.3f s", value) }

print("vgrid-bench-ca")
print("  cores                 \(ProcessInfo.processInfo.activeProcessorCount) (class keys are generated in parallel)")
print("  rsa2048 keygen        median \(ms(keygenTimes[keygenTimes.count / 2]))  min \(ms(keygenTimes.first!))  max \(ms(keygenTimes.last!))  (\(keygenSamples) samples)")
print("  encrypt user key      median \(ms(encryptTimes[encryptTimes.count / 2]))  (PBKDF2-HMAC-SHA256 \(PKCS8Encryption.defaultIterations) rounds + AES-256-CBC)")
print("  create CA             \(s(caTime))")
print("  \(hosts) host certificates   \(s(hostTime))")
print("  \(students) user certificates  \(s(userTime))  (keys encrypted, PBKDF2 \(PKCS8Encryption.defaultIterations) rounds)")
print("  install trust dir     \(s(trustTime))")
print("  class total           \(s(classTotal))  goal <= 5 s  \(classTotal <= 5 ? "OK" : "OVER")")
let median = verifyTimes[verifyTimes.count / 2]
print("  verify proxy chain    median \(ms(median))  p90 \(ms(verifyTimes[verifyTimes.count * 9 / 10]))  goal <= 2 ms  \(median <= 0.002 ? "OK" : "OVER")")
print("  parse+verify proxy    median \(ms(parseAndVerifyTimes[parseAndVerifyTimes.count / 2]))")
