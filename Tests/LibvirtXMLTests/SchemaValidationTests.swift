import Testing

/// The validator helper must be able to fail, or the schema tests prove nothing.
@Suite struct SchemaValidationTests {
    @Test func validatorRejectsDomainWithoutName() throws {
        let result = try virtXMLValidate("<domain type='qemu'><memory>1</memory></domain>", schema: "domain")
        #expect(result.status != 0)
    }

    @Test func validatorRejectsNetworkWithUnknownForwardMode() throws {
        let result = try virtXMLValidate("<network><name>n</name><forward mode='teleport'/></network>", schema: "network")
        #expect(result.status != 0)
    }
}
