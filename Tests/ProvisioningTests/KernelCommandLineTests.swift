import Testing
@testable import Provisioning

@Suite struct KernelCommandLineTests {
    static let image = "console=ttyS0,115200 root=/dev/vda rw quiet nokaslr"

    @Test func tcgNodesGetOneFixedAddressSpaceLayout() {
        #expect(LabHost.kernelCommandLine(Self.image, accelerator: .tcg) == Self.image + " norandmaps")
    }

    @Test func kvmNodesKeepTheImagesCommandLine() {
        #expect(LabHost.kernelCommandLine(Self.image, accelerator: .kvm) == Self.image)
    }

    @Test func anImageThatAlreadyAsksForItIsLeftAlone() {
        let line = Self.image + " norandmaps"
        #expect(LabHost.kernelCommandLine(line, accelerator: .tcg) == line)
    }
}
