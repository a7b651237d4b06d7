import Foundation
import Testing
import Libvirt
import LibvirtXML

@Suite struct StoragePoolTests {
    @Test func definesDirPoolAndManagesVolumes() throws {
        let connection = try testConnection()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = uniqueName("vgrid-pool-")
        let pool = try connection.defineStoragePool(
            xml: StoragePoolSpec(name: name, path: directory.path).render())
        #expect(pool.name == name)
        #expect(try !pool.isActive)
        try pool.build()
        try pool.create()
        #expect(try pool.isActive)
        #expect(try pool.xmlDesc().contains(directory.path))
        try pool.refresh()

        let volume = try pool.createVolume(
            xml: StorageVolumeSpec(name: "disk.qcow2", capacityBytes: 1 << 20, format: .qcow2).render())
        #expect(volume.name == "disk.qcow2")
        #expect(try volume.path == "\(directory.path)/disk.qcow2")
        #expect(try volume.key == volume.path)
        #expect(try volume.info.capacityBytes == 1 << 20)
        #expect(try volume.xmlDesc().contains("<name>disk.qcow2</name>"))
        #expect(try pool.allVolumes().map(\.name) == ["disk.qcow2"])
        #expect(try pool.lookupVolume(name: "disk.qcow2")?.name == "disk.qcow2")
        #expect(try pool.lookupVolume(name: "missing.qcow2") == nil)

        try volume.delete()
        #expect(try pool.lookupVolume(name: "disk.qcow2") == nil)
        try pool.destroy()
        try pool.undefine()
        #expect(try connection.lookupStoragePool(name: name) == nil)
    }

    /// The test driver implements no volume upload; the exact libvirt error is asserted so a
    /// libvirt that adds it shows up here. The chunked sending is covered by LocalFileTests.
    @Test func uploadIsUnsupportedByTestDriver() throws {
        let connection = try testConnection()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = try connection.defineStoragePool(
            xml: StoragePoolSpec(name: uniqueName("vgrid-pool-"), path: directory.path).render())
        try pool.create()
        defer { try? pool.destroy(); try? pool.undefine() }
        let volume = try pool.createVolume(
            xml: StorageVolumeSpec(name: "seed.img", capacityBytes: 4096, format: .raw).render())
        let file = directory.appendingPathComponent("upload.bin")
        try Data("hello, volume\n".utf8).write(to: file)

        #expect {
            try volume.upload(fileAt: file.path)
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.code == LibvirtError.Code.noSupport && error.operation == "virStorageVolUpload"
                && error.message == "this function is not supported by the connection driver: virStorageVolUpload"
        }
    }

    @Test func uploadOfMissingFileThrowsBeforeContactingLibvirt() throws {
        let connection = try testConnection()
        let pool = try #require(try connection.lookupStoragePool(name: "default-pool"))
        let volume = try pool.createVolume(
            xml: StorageVolumeSpec(name: uniqueName("vol-"), capacityBytes: 4096, format: .raw).render())
        defer { try? volume.delete() }
        #expect {
            try volume.upload(fileAt: "/nonexistent/seed.iso")
        } throws: { error in
            let error = try #require(error as? LibvirtError)
            return error.operation == "open" && error.code == LibvirtError.Code.systemError
                && error.message == "cannot open '/nonexistent/seed.iso': No such file or directory"
        }
    }

    @Test func lookupOfMissingPoolReturnsNil() throws {
        #expect(try testConnection().lookupStoragePool(name: uniqueName("vgrid-missing-")) == nil)
    }
}
