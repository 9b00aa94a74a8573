import Foundation
import PatchLabModel
import Testing
@testable import PatchLabEngine

@Suite struct DefinitionTests {
    let machine = Machine(name: "web-01", role: "web", mirrors: "prod<1>", image: .named("debian-12"), criticality: .pilot)

    @Test func qemuDomainHasAgentChannelConsoleAndOwnershipMetadata() {
        let xml = DomainDefinition(
            domainName: "pl-demo-abc123-web-01", runPrefix: "pl-demo-abc123", lab: "demo", machine: machine,
            virtType: "qemu", diskPath: "/p/d.qcow2",
            kernelBoot: DirectKernelBoot(kernel: "/k", initrd: "/i", cmdline: "root=/dev/vda"),
            networkNames: ["pl-demo-abc123-lan"], consoleLog: "/c.log"
        ).xml
        #expect(xml.contains("<domain type='qemu'>"))
        #expect(xml.contains("name='org.qemu.guest_agent.0'"))
        #expect(xml.contains("run='pl-demo-abc123'"))
        #expect(xml.contains("<kernel>/k</kernel><initrd>/i</initrd><cmdline>root=/dev/vda</cmdline>"))
        #expect(xml.contains("<source network='pl-demo-abc123-lan'/>"))
        #expect(xml.contains("prod&lt;1&gt;"), "text from lab files is escaped")
        #expect(!xml.contains("<forward"))
    }

    @Test func imageWithBootloaderBootsFromDisk() {
        let xml = DomainDefinition(
            domainName: "d", runPrefix: "p", lab: "l", machine: machine, virtType: "kvm", diskPath: "/d",
            kernelBoot: nil, networkNames: [], consoleLog: "/c"
        ).xml
        #expect(xml.contains("<boot dev='hd'/>"))
        #expect(!xml.contains("<kernel>"))
    }

    @Test func networksAreIsolatedWithDHCP() throws {
        let lab = try Lab.parse(
            yaml: """
                lab: n
                description: d
                networks:
                  lan:
                    address: 10.213.10.1/24
                machines:
                  - {name: a, role: r, mirrors: m, image: i, criticality: low, networks: [lan]}
                """, file: "n.yaml")
        let xml = NetworkDefinition(name: "pl-n-lan", network: lab.networks[0]).xml
        #expect(!xml.contains("<forward"), "lab traffic is never routed off the host")
        #expect(xml.contains("<ip address='10.213.10.1' netmask='255.255.255.0'>"))
        #expect(xml.contains("<range start='10.213.10.2' end='10.213.10.254'/>"))
    }

    @Test func environmentRejectsBadOverrides() throws {
        #expect(throws: EngineError.self) { _ = try EngineEnvironment.fromProcess(["PATCHLAB_ACCEL": "fast"]) }
        #expect(throws: EngineError.self) { _ = try EngineEnvironment.fromProcess(["PATCHLAB_AGENT_TIMEOUT": "soon"]) }
        let env = try EngineEnvironment.fromProcess(["PATCHLAB_ACCEL": "tcg", "PATCHLAB_HOME": "/x"])
        #expect(env.acceleratorOverride == .tcg)
        #expect(env.poolDirectory == "/x/pool")
    }
}
