import Foundation
import Testing
@testable import PatchLabModel

/// The mapping form of `hosts:` (URI and limits), `host: auto`, and labs that cannot fit their hosts
/// by `max_machines`: each refusal at its file:line:column.
@Suite struct HostLimitsValidationTests {
    /// Two hosts and `count` machines; `hosts` replaces the hosts section, `host` each machine's host.
    func lab(hosts: String, count: Int, host: (Int) -> String) -> String {
        var text = "lab: t\ndescription: test lab\nhosts:\n\(hosts)\nmachines:\n"
        for i in 1...count {
            text += "  - name: web-\(i)\n    role: web\n    mirrors: prod-\(i)\n    image: debian-12\n    criticality: low\n"
            text += "    host: \(host(i))\n"
        }
        return text
    }

    @Test func mappingFormCarriesTheURIAndTheLimits() throws {
        let yaml = """
            lab: t
            description: test lab
            hosts:
              local: qemu:///system
              rack-2:
                uri: qemu+ssh://root@rack-2.example.com/system
                max_machines: 3
                max_parallel_boots: 2
            machines:
              - {name: web-01, role: web, mirrors: p1, image: debian-12, criticality: low, host: auto}
              - {name: web-02, role: web, mirrors: p2, image: debian-12, criticality: low, host: rack-2}
            """
        let lab = try Lab.parse(yaml: yaml, file: testFile)
        #expect(lab.hosts.map(\.name) == ["local", "rack-2"])
        #expect(lab.hosts[0].maxMachines == nil && lab.hosts[0].maxParallelBoots == nil, "the short form has no limits")
        #expect(lab.hosts[1].uri == "qemu+ssh://root@rack-2.example.com/system")
        #expect(lab.hosts[1].maxMachines == 3)
        #expect(lab.hosts[1].maxParallelBoots == 2)
        #expect(lab.hosts[1].maxMachinesLocation?.line == 7)
        #expect(lab.machines[0].isPlacedAutomatically)
        #expect(lab.machines[1].host == "rack-2" && !lab.machines[1].isPlacedAutomatically)
        #expect(!lab.hosts[0].isRemote && lab.hosts[1].isRemote)
    }

    @Test(arguments: [
        ("qemu:///system", false), ("test:///tmp/h1.xml", false), ("qemu+unix:///system", false),
        ("qemu+tcp://127.0.0.1:16509/system", true), ("qemu+ssh://rack-2/system", true), ("qemu+tls://r/system?x=1", true),
    ])
    func aHostIsRemoteWhenItsURINamesAServer(uri: String, remote: Bool) {
        #expect(LabHost.isRemote(uri: uri) == remote)
    }

    @Test func mappingWithoutURIIsRefusedAtTheMapping() {
        expectSingleError(
            oneMachineLab(top: "hosts:\n  rack-2:\n    max_machines: 2"), at: "12:5",
            mentions: [
                "missing required key 'uri' in host 'rack-2'"
            ])
    }

    @Test func unknownKeyOfAHostIsNamedWithASuggestion() {
        expectSingleError(
            oneMachineLab(top: "hosts:\n  rack-2:\n    uri: qemu:///system\n    max_machine: 2"), at: "13:5",
            mentions: [
                "unknown key 'max_machine' in host 'rack-2'", "expected one of: uri, max_machines, max_parallel_boots",
                "did you mean 'max_machines'?",
            ])
    }

    @Test(arguments: ["0", "1001", "lots", "[2]"])
    func maxMachinesOutOfRangeOrNotANumberIsRefused(value: String) {
        let diagnostics = labDiagnostics(oneMachineLab(top: "hosts:\n  rack-2:\n    uri: qemu:///system\n    max_machines: \(value)"))
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.location.description == "t.yaml:13:19")
        #expect(diagnostics.first?.message.contains("'max_machines'") == true, "\(diagnostics)")
    }

    @Test func maxParallelBootsOutOfRangeIsRefused() {
        expectSingleError(
            oneMachineLab(top: "hosts:\n  rack-2:\n    uri: qemu:///system\n    max_parallel_boots: 65"), at: "13:25",
            mentions: ["'max_parallel_boots' out of range", "expected 1 to 64", "found 65"])
    }

    @Test func aHostCannotBeCalledAuto() {
        expectSingleError(
            oneMachineLab(top: "hosts:\n  auto: qemu:///system"), at: "11:3",
            mentions: [
                "host name 'auto' is reserved", "expected another name",
            ])
    }

    @Test func machinesPastAPinnedHostsLimitAreRefusedAtTheirHostLine() {
        let yaml = lab(
            hosts: "  local: qemu:///system\n  rack-2:\n    uri: qemu+tcp://127.0.0.1/system\n    max_machines: 2",
            count: 3
        ) { _ in "rack-2" }
        // Each machine takes 6 lines from line 9: machine 3's `host:` is line 26.
        expectSingleError(
            yaml, at: "26:11",
            mentions: [
                "machine 'web-3' is machine 3 on host 'rack-2'", "takes at most 2 (max_machines at line 7)",
                "expected another host, `host: auto`, or a higher max_machines",
            ])
    }

    @Test func autoMachinesBeyondTheRoomTheLimitsLeaveAreRefused() {
        let yaml = lab(
            hosts: "  a:\n    uri: test:///default\n    max_machines: 2\n  b:\n    uri: test:///default\n    max_machines: 1",
            count: 4
        ) { $0 == 1 ? "b" : "auto" }
        // b is full with web-1; a takes web-2 and web-3; web-4 (from line 29, host: at 34) has no room.
        expectSingleError(
            yaml, at: "34:11",
            mentions: [
                "machine 'web-4' has `host: auto` but no host has room left",
                "3 machines are placed automatically and the hosts take 2 more",
                "max_machines: a 2, b 1",
            ])
    }

    @Test func autoMachinesFitWhenOneHostHasNoLimit() throws {
        let yaml = lab(hosts: "  a:\n    uri: test:///default\n    max_machines: 1\n  b: test:///default", count: 5) { _ in "auto" }
        #expect(try Lab.parse(yaml: yaml, file: testFile).machines.allSatisfy(\.isPlacedAutomatically))
    }

    @Test func aDefaultedHostPastItsLimitIsReportedAtTheMachine() {
        let yaml = """
            lab: t
            description: test lab
            hosts:
              local:
                uri: qemu:///system
                max_machines: 1
            machines:
              - {name: web-01, role: web, mirrors: p1, image: debian-12, criticality: low}
              - {name: web-02, role: web, mirrors: p2, image: debian-12, criticality: low}
            """
        expectSingleError(yaml, at: "9:5", mentions: ["machine 'web-02' is machine 2 on host 'local'"])
    }
}
