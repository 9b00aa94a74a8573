import Testing
@testable import PatchLabModel

/// The shipped demo lab must stay valid and mean what its comments say.
@Suite struct DemoLabTests {
    let path = repositoryRoot + "/labs/demo.yaml"

    @Test func loadsWithTheDocumentedValues() throws {
        let lab = try Lab.load(contentsOf: path)
        #expect(lab.name == "demo")
        #expect(lab.description == "Web tier mirror of production")
        #expect(lab.accelerator == .auto)
        #expect(
            lab.hosts == [
                LabHost(
                    name: "local", uri: "qemu:///system",
                    location: FileLocation(file: path, line: 19, column: 3))
            ])
        #expect(lab.networks.isEmpty)
        #expect(lab.file == path)
        #expect(lab.machines.map(\.name) == ["web-01", "web-02"])

        let web01 = try #require(lab.machine(named: "web-01"))
        #expect(web01.role == "web")
        #expect(web01.mirrors == "prod-web-01.example.com")
        #expect(web01.image == .named("debian-12"))
        #expect(web01.memoryMiB == 512)
        #expect(web01.vcpus == 1)
        #expect(web01.criticality == .pilot)
        #expect(web01.host == "local")
        #expect(web01.networks.isEmpty)
        #expect(web01.kernelBoot == nil)

        let web02 = try #require(lab.machine(named: "web-02"))
        #expect(web02.mirrors == "prod-web-02.example.com")
        #expect(web02.image == .named("debian-12"))
        #expect(web02.memoryMiB == 512)
        #expect(web02.vcpus == 1)
        #expect(web02.criticality == .critical)
    }

    @Test func keepsLocationsForLaterChecks() throws {
        let lab = try Lab.load(contentsOf: path)
        let web02 = try #require(lab.machine(named: "web-02"))
        #expect(web02.location.description == "\(path):42:5")
        #expect(web02.locations.name.description == "\(path):42:11")
        #expect(web02.locations.image.description == "\(path):45:12")
        #expect(lab.nameLocation.description == "\(path):10:6")
        #expect(lab.acceleratorLocation.description == "\(path):14:14")
    }

    @Test func rollsOutPilotFirst() throws {
        let lab = try Lab.load(contentsOf: path)
        #expect(lab.phasedOrder.map(\.name) == ["web-01", "web-02"])
        #expect(lab.machines(withRole: "web").count == 2)
    }

    @Test func loadingAMissingFileNamesTheFile() {
        let missing = repositoryRoot + "/labs/no-such-lab.yaml"
        #expect {
            try Lab.load(contentsOf: missing)
        } throws: { error in
            let diagnostic = (error as? ModelError)?.diagnostics.first
            return diagnostic?.location == .wholeFile(missing)
                && diagnostic?.message.contains("cannot read lab file") == true
                && "\(error)".hasPrefix("\(missing): error: cannot read lab file")
        }
    }
}
