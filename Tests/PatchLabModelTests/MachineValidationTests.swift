import Foundation
import Testing
@testable import PatchLabModel

/// Problems inside one machine entry, each reported at the exact key or value.
@Suite struct MachineValidationTests {
    @Test func unknownMachineKeyIsReportedWithTheAllowedKeysAndASuggestion() {
        expectSingleError(
            oneMachineLab("    memroy: 1G"), at: "9:5",
            mentions: [
                "unknown key 'memroy' in machine",
                "expected one of: name, role, mirrors, image, memory, vcpus, criticality, host, networks, kernel, initrd, cmdline",
                "did you mean 'memory'?",
            ])
    }

    @Test func unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
        let diagnostics = labDiagnostics(oneMachineLab("    colour: blue"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("did you mean") == false)
    }

    @Test func memoryThatIsNotASizeIsATypeError() {
        expectSingleError(
            oneMachineLab("    memory: lots"), at: "9:13",
            mentions: [
                "expected a size in MiB such as 512, 512 MiB or 1 GiB for 'memory'", "found 'lots'",
            ])
    }

    @Test func vcpusThatIsAListIsATypeError() {
        expectSingleError(
            oneMachineLab("    vcpus: [1]"), at: "9:12",
            mentions: [
                "expected an integer for 'vcpus'", "found a list",
            ])
    }

    @Test func vcpusThatIsTextIsATypeError() {
        expectSingleError(oneMachineLab("    vcpus: two"), at: "9:12", mentions: ["expected an integer", "found 'two'"])
    }

    @Test func missingRequiredMachineKeyIsReportedAtTheMachine() {
        expectSingleError(
            """
            lab: t
            description: d
            machines:
              - name: web-01
                mirrors: prod-web-01.example.com
                image: debian-12
                criticality: pilot
            """, at: "4:5", mentions: ["missing required key 'role' in machine"])
    }

    @Test func badMachineNameIsReportedAtTheValue() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "name: web-01", with: "name: Web_01"),
            at: "4:11", mentions: ["invalid value 'Web_01' for 'name'", "lowercase letters, digits and '-'"])
    }

    @Test func badRoleIsReportedAtTheValue() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "role: web", with: "role: 1web"),
            at: "5:11", mentions: ["invalid value '1web' for 'role'", "starting with a letter"])
    }

    @Test func duplicateMachineNamePointsAtTheSecondAndMentionsTheFirst() {
        expectSingleError(
            """
            lab: t
            description: d
            machines:
              - name: web-01
                role: web
                mirrors: prod-web-01.example.com
                image: debian-12
                criticality: pilot
              - name: web-01
                role: web
                mirrors: prod-web-02.example.com
                image: debian-12
                criticality: low
            """, at: "9:11",
            mentions: [
                "duplicate machine name 'web-01'", "first defined at line 4",
                "expected each machine name once",
            ])
    }

    @Test func memoryBelowTheMinimumIsRefused() {
        expectSingleError(
            oneMachineLab("    memory: 128M"), at: "9:13",
            mentions: [
                "'memory' too small", "expected at least 256 MiB", "found 128 MiB",
            ])
    }

    @Test func memoryAboveTheMaximumIsRefused() {
        expectSingleError(
            oneMachineLab("    memory: 32 GiB"), at: "9:13",
            mentions: [
                "'memory' too large", "expected at most 16 GiB", "found 32 GiB",
            ])
    }

    @Test(arguments: [0, 9, -1])
    func vcpusOutOfRangeAreRefused(vcpus: Int) {
        expectSingleError(
            oneMachineLab("    vcpus: \(vcpus)"), at: "9:12",
            mentions: [
                "'vcpus' out of range", "expected 1 to 8", "found \(vcpus)",
            ])
    }

    @Test func unknownCriticalityListsTheOrderedChoices() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "criticality: pilot", with: "criticality: severe"),
            at: "8:18",
            mentions: [
                "unknown value 'severe' for 'criticality'",
                "expected one of: pilot, low, medium, high, critical",
            ])
    }

    @Test func misspelledCriticalityGetsASuggestion() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "criticality: pilot", with: "criticality: critcal"),
            at: "8:18", mentions: ["'critcal'", "did you mean 'critical'?"])
    }

    @Test func unknownHostReferenceListsTheLabsHosts() {
        expectSingleError(
            oneMachineLab("    host: rack-9", top: "hosts:\n  local: qemu:///system\n  rack-2: qemu+tcp://127.0.0.1/system"),
            at: "9:11",
            mentions: [
                "unknown host 'rack-9' for machine 'web-01'",
                "expected one of the lab's hosts (local, rack-2) or auto",
                "did you mean 'rack-2'?",
            ])
    }

    @Test func hostReferenceAgainstTheDefaultHostIsChecked() {
        expectSingleError(
            oneMachineLab("    host: remote"), at: "9:11",
            mentions: [
                "unknown host 'remote'", "expected one of the lab's hosts (local) or auto",
            ])
    }

    @Test func unknownNetworkReferenceIsReportedAtTheListItem() {
        expectSingleError(
            oneMachineLab("    networks: [lan, dmz]", top: "networks:\n  lan:\n    address: 10.213.10.1/24"),
            at: "9:21",
            mentions: [
                "unknown network 'dmz' for machine 'web-01'", "expected one of the lab's networks: lan",
            ])
    }

    @Test func networkReferenceWhenTheLabHasNoNetworksSaysSo() {
        expectSingleError(
            oneMachineLab("    networks: [lan]"), at: "9:16",
            mentions: [
                "unknown network 'lan'", "the lab defines none",
            ])
    }

    @Test func networkListedTwiceIsRefused() {
        expectSingleError(
            oneMachineLab("    networks: [lan, lan]", top: "networks:\n  lan:\n    address: 10.213.10.1/24"),
            at: "9:21", mentions: ["network 'lan' listed twice"])
    }

    @Test func kernelWithANamedImageIsRefused() {
        expectSingleError(
            oneMachineLab("    kernel: /boot/vmlinuz"), at: "9:5",
            mentions: [
                "'kernel' needs an image given by path", "found golden image 'debian-12'",
            ])
    }

    @Test func initrdWithoutKernelIsRefused() {
        let yaml = oneMachineLab("    initrd: /boot/initrd.img")
            .replacingOccurrences(of: "image: debian-12", with: "image: ./disk.qcow2")
        expectSingleError(yaml, at: "9:5", mentions: ["'initrd' needs 'kernel'", "found none"])
    }

    @Test func invalidImageNameIsRefused() {
        expectSingleError(
            oneMachineLab().replacingOccurrences(of: "image: debian-12", with: "image: debian 12"),
            at: "7:12", mentions: ["invalid image 'debian 12'", "a path to a qcow2 file"])
    }

    @Test func machineThatIsNotAMappingIsRefused() {
        expectSingleError(
            "lab: t\ndescription: d\nmachines:\n  - web-01\n", at: "4:5",
            mentions: [
                "expected a mapping with keys name, role", "for item 1 of 'machines'", "found 'web-01'",
            ])
    }

    @Test func optionalKeysTakeTheirDefaults() throws {
        let lab = try Lab.parse(yaml: oneMachineLab(), file: testFile)
        let machine = try #require(lab.machines.first)
        #expect(machine.memoryMiB == 512)
        #expect(machine.vcpus == 1)
        #expect(machine.host == "local")
        #expect(machine.networks == [])
        #expect(lab.accelerator == .auto)
        #expect(lab.hosts.map(\.uri) == ["qemu:///system"])
        #expect(machine.location.description == "t.yaml:4:5")
        #expect(machine.locations.image.description == "t.yaml:7:12")
    }

    @Test func pathImageWithDirectKernelBootIsRead() throws {
        let yaml = """
            lab: t
            description: d
            accelerator: tcg
            hosts:
              a: qemu:///system
              b: qemu+tcp://127.0.0.1/system
            networks:
              lan:
                address: 10.213.10.1/24
            machines:
              - name: db-01
                role: db
                mirrors: prod-db-01.example.com
                image: images/busybox.qcow2
                memory: 1.5 GiB
                vcpus: 2
                criticality: high
                host: b
                networks: [lan]
                kernel: /boot/vmlinuz-6.1.0-18-amd64
                initrd: /boot/initrd.img-6.1.0-18-amd64
                cmdline: root=/dev/vda console=ttyS0
            """
        let lab = try Lab.parse(yaml: yaml, file: "labs/db.yaml")
        let machine = try #require(lab.machine(named: "db-01"))
        #expect(lab.accelerator == .tcg)
        #expect(machine.image == .path("images/busybox.qcow2"))
        #expect(lab.resolvedPath("images/busybox.qcow2") == "labs/images/busybox.qcow2")
        #expect(lab.resolvedPath("/abs/disk.qcow2") == "/abs/disk.qcow2")
        #expect(machine.memoryMiB == 1536)
        #expect(machine.vcpus == 2)
        #expect(machine.host == "b")
        #expect(lab.host(of: machine)?.uri == "qemu+tcp://127.0.0.1/system")
        #expect(machine.networks == ["lan"])
        #expect(
            machine.kernelBoot
                == DirectKernelBoot(
                    kernel: "/boot/vmlinuz-6.1.0-18-amd64",
                    initrd: "/boot/initrd.img-6.1.0-18-amd64",
                    cmdline: "root=/dev/vda console=ttyS0"))
        #expect(machine.locations.kernel?.description == "labs/db.yaml:20:13")
        #expect(machine.locations.initrd?.description == "labs/db.yaml:21:13")
        #expect(machine.locations.host.description == "labs/db.yaml:18:11")
    }

    @Test func machinesDefaultToTheFirstListedHost() throws {
        let lab = try Lab.parse(
            yaml: oneMachineLab(top: "hosts:\n  rack-2: qemu+tcp://127.0.0.1/system\n  local: qemu:///system"),
            file: testFile)
        #expect(lab.machines.first?.host == "rack-2")
    }
}
