import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// Lab up/down on libvirt's test driver: real libvirt objects, a fake guest side.
@Suite struct LabLifecycleTests {
    @Test func upCreatesPrefixedObjectsAndDownRemovesExactlyThose() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let log = FakeGuestChannel.CommandLog()
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory(log: log))
        let connection = try await Connection.open("test:///default")
        // A VM PatchLab did not create, with a name that looks like ours: it must survive.
        let foreign = try await connection.defineDomain(
            xml: """
                <domain type='test'><name>pl-\(t.name)-foreign</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>
                """)

        let events = EventsCollector()
        let state = try await provisioner.up(try t.lab(t.yaml(network: true)), progress: events.record)
        #expect(state.status == .ready)
        #expect(state.prefix.hasPrefix("pl-\(t.name)-"))
        #expect(state.machines.map(\.name).sorted() == ["web-01", "web-02"])
        for machine in state.machines {
            let domain = try await connection.domain(named: machine.domain)
            #expect(try await domain.isActive())
            #expect(machine.domain == "\(state.prefix)-\(machine.name)")
            let xml = try await domain.xml()
            #expect(try await DomainDefinition.runPrefix(of: domain) == state.prefix)
            #expect(xml.contains("\(state.prefix)-lan"), "the machine is on the lab's network")
            #expect(log.commands(of: machine.domain).contains { $0.joined(separator: " ").contains("hostname \(machine.name)") })
        }
        #expect(try await t.volumes().sorted() == ["\(state.prefix)-web-01.qcow2", "\(state.prefix)-web-02.qcow2"])
        #expect(try await connection.network(named: "\(state.prefix)-lan").isActive())
        #expect(events.readyMachines.sorted() == ["web-01", "web-02"])
        #expect(FileManager.default.fileExists(atPath: LabStateStore.path(lab: t.name, environment: t.environment)))

        #expect(try await provisioner.down(labNamed: t.name))
        #expect(try await TestLab.objects(named: state.prefix).isEmpty)
        #expect(try await t.volumes().isEmpty)
        #expect(try provisioner.state(of: t.name) == nil)
        #expect(try await connection.domainIfPresent(named: foreign.name) != nil, "a domain PatchLab did not create is left alone")
        try await foreign.undefine()
    }

    @Test func downTwiceAndAfterManualRemovalSucceeds() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let state = try await provisioner.up(try t.lab())
        let connection = try await Connection.open("test:///default")
        let byHand = try await connection.domain(named: state.machines[0].domain)
        try await byHand.destroy()
        try await byHand.undefine()
        // Someone else reuses the removed machine's name: down must not take their VM.
        let impostor = try await connection.defineDomain(
            xml: """
                <domain type='test'><name>\(byHand.name)</name><memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>
                """)

        #expect(try await provisioner.down(labNamed: t.name))
        #expect(try await TestLab.objects(named: state.prefix) == [impostor.name])
        try await impostor.undefine()
        #expect(try await t.volumes().isEmpty)
        #expect(try await provisioner.down(labNamed: t.name) == false, "a second down has nothing to do and does not fail")
    }

    @Test func agentThatNeverAnswersFailsUpNamesTheMachineAndLeavesNothing() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        // The test driver runs no guest, so the serial console QEMU would write is planted here.
        let consoles = t.environment.consolesDirectory
        let provisioner = LabProvisioner(
            environment: t.environment,
            guestChannel: FakeGuestChannel.factory { name in
                guard name.hasSuffix("-web-02") else { return .healthy }
                let boot = (1...30).map { "[    \($0).000000] booting line \($0)" }.joined(separator: "\n")
                try? (boot + "\nKernel panic - not syncing: VFS: Unable to mount root fs\u{1B}[0m\n")
                    .write(toFile: "\(consoles)/\(name).log", atomically: true, encoding: .utf8)
                return .neverAnswers
            })
        do {
            try await provisioner.up(try t.lab())
            Issue.record("up should fail when an agent never answers")
        } catch let error as EngineError {
            guard case let .agentTimeout(machine, domain, _, _) = error else { throw error }
            #expect(machine == "web-02")
            // The error quotes the console's last lines and names a copy that teardown did not remove.
            #expect(error.description.contains("Kernel panic - not syncing: VFS: Unable to mount root fs\\u{1B}[0m"), "\(error)")
            #expect(error.description.contains("booting line 30") && !error.description.contains("booting line 10\n"))
            #expect(error.description.contains("last 20 lines of the console"))
            let kept = "\(consoles)/kept/\(domain).log"
            #expect(error.description.contains(kept))
            #expect(try String(contentsOfFile: kept, encoding: .utf8).contains("Kernel panic"))
            #expect(!FileManager.default.fileExists(atPath: "\(consoles)/\(domain).log"), "the lab's own console log went with it")
        }
        #expect(try await TestLab.objects(named: "pl-\(t.name)-").isEmpty)
        #expect(try await t.volumes().isEmpty)
        #expect(try provisioner.state(of: t.name) == nil)
    }

    @Test func keepOnFailureKeepsObjectsUntilDown() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory { _ in .neverAnswers })
        await #expect(throws: EngineError.self) { try await provisioner.up(try t.lab(), keepOnFailure: true) }
        let state = try #require(try provisioner.state(of: t.name))
        #expect(state.status == .failed)
        #expect(try await TestLab.objects(named: state.prefix).count == 2)
        try await provisioner.down(labNamed: t.name)
        #expect(try await TestLab.objects(named: state.prefix).isEmpty)
        #expect(try await t.volumes().isEmpty)
    }

    @Test func missingImageIsReportedAtItsLineAndCreatesNothing() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let lab = try t.lab(t.yaml(image: "debian-99"))
        do {
            try await provisioner.up(lab)
            Issue.record("up should refuse a missing image")
        } catch let error as ModelError {
            #expect(error.diagnostics.count == 2, "one error per machine naming the image")
            let first = try #require(error.diagnostics.first)
            #expect(first.location == lab.machines[0].locations.image)
            #expect(first.location.line > 0)
            #expect(first.message.contains("debian-99") && first.message.contains("tiny"), "names what is missing and what exists")
        }
        #expect(try await TestLab.objects(named: "pl-\(t.name)-").isEmpty)
        #expect(try provisioner.state(of: t.name) == nil)
    }

    @Test func unreachableHypervisorSaysHowToStartItAndCreatesNothing() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let lab = try t.lab(t.yaml(uri: "qemu:///system?socket=/nonexistent/libvirt-sock"))
        do {
            try await provisioner.up(lab)
            Issue.record("up should fail on an unreachable hypervisor")
        } catch let error as EngineError {
            guard case .hypervisorUnreachable = error else { throw error }
            #expect(error.description.contains("libvirtd -d"))
            #expect(error.description.contains("virsh -c"))
        }
        #expect(try provisioner.state(of: t.name) == nil)
    }

    @Test func upTwiceIsRefused() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let lab = try t.lab()
        let state = try await provisioner.up(lab)
        await #expect(throws: EngineError.labAlreadyUp(lab: t.name, prefix: state.prefix)) { try await provisioner.up(lab) }
        try await provisioner.down(labNamed: t.name)
    }

    @Test func statusShowsStateHostAndGuestFacts() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        let lab = try t.lab()
        let inspector = LabInspector(provisioner: provisioner)
        #expect(try await inspector.status(of: lab).map(\.state) == ["not created", "not created"])
        let state = try await provisioner.up(lab)
        let machines = try await inspector.status(of: lab)
        #expect(machines.map(\.state) == ["running", "running"])
        #expect(machines.map(\.criticality) == ["pilot", "critical"])
        #expect(machines[0].os?.prettyName == "Debian GNU/Linux 12 (bookworm)")
        #expect(machines[0].hostname == "fake-\(state.prefix)-web-01")
        #expect(machines[0].hostURI == "test:///default")
        #expect(machines.map(\.host) == ["local", "local"], "status names each machine's host")
        await #expect(throws: EngineError.self) { _ = try await inspector.channel(lab: lab, machine: "db-01") }
        try await provisioner.down(labNamed: t.name)
        await #expect(throws: EngineError.labNotUp(lab: t.name)) { _ = try await inspector.channel(lab: lab, machine: "web-01") }
    }
}

/// Collects progress events from concurrent machine bring-ups.
final class EventsCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [LabEvent] = []
    var record: LabProgress { { [self] event in lock.withLock { events.append(event) } } }
    var placements: [String: String] {
        lock.withLock {
            Dictionary(uniqueKeysWithValues: events.compactMap { if case let .placed(machine, host) = $0 { (machine, host) } else { nil } })
        }
    }
    var readyMachines: [String] {
        lock.withLock { events.compactMap { if case let .ready(machine, _, _) = $0 { machine } else { nil } } }
    }
}

@Suite struct ImageBuilderTests {
    @Test func rebuildingAnImageWhoseClonesAreUpIsRefused() async throws {
        let t = try TestLab()
        defer { t.cleanUp() }
        let provisioner = LabProvisioner(environment: t.environment, guestChannel: FakeGuestChannel.factory())
        try await provisioner.up(try t.lab())
        #expect(throws: EngineError.imageInUse(name: "tiny", labs: [t.name])) {
            _ = try ImageBuilder(environment: t.environment).build("tiny")
        }
        try await provisioner.down(labNamed: t.name)
        // With the lab down the guard lets the build through (here it then finds no recipe).
        #expect(throws: EngineError.recipeNotFound(name: "tiny", directory: t.environment.recipesDirectory)) {
            _ = try ImageBuilder(environment: t.environment).build("tiny")
        }
    }
}
