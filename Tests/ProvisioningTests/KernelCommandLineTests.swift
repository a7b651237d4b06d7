import Testing
@testable import Provisioning

@Suite struct KernelCommandLineTests {
    static let image = "console=ttyS0,115200 root=/dev/vda rw quiet nokaslr"

    @Test func tcgNodesGetOneFixedLayoutAndNoCryptoSelfTests() {
        #expect(LabHost.kernelCommandLine(Self.image, accelerator: .tcg) == Self.image + " norandmaps cryptomgr.notests")
    }

    @Test func kvmNodesKeepTheImagesCommandLine() {
        #expect(LabHost.kernelCommandLine(Self.image, accelerator: .kvm) == Self.image)
    }

    @Test func optionsTheImageAlreadyHasAreNotRepeated() {
        let line = Self.image + " norandmaps"
        #expect(LabHost.kernelCommandLine(line, accelerator: .tcg) == line + " cryptomgr.notests")
    }
}
