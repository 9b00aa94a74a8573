import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// A lab over two libvirt hosts: this machine's libvirtd and a second daemon standing in for a
/// remote host (``SecondHost``: own folders, TCP on 127.0.0.1 only). Images reach it through
/// libvirt's upload and are checked there by digest; the demo change rehearses GO over both; losing
/// the second host mid-rehearsal is NO-GO, leaves nothing on the first, and `recover` finishes on
/// the second once it answers again.
extension RealVMTests {
    @Suite(.serialized, .sharedTwoHostLab) struct MultiHostTests {
        /// The events of an in-process rehearsal, and a hook on its phases.
        final class Events: @unchecked Sendable {
            private let lock = NSLock()
            private var all: [RehearsalEvent] = []
            func append(_ event: RehearsalEvent) { lock.withLock { all.append(event) } }
            var notes: [String] { lock.withLock { all.compactMap { if case let .note(text) = $0 { text } else { nil } } } }
        }

        @Test func imagesReachTheSecondHostThroughLibvirtAreCheckedThereAndReused() async throws {
            let host = try await TwoHostLab.shared.secondHost()
            let environment = try EngineEnvironment.fromProcess()
            let provisioner = LabProvisioner(environment: environment)
            let connection = try await provisioner.connections.connection(host.uri)
            let pool = try await provisioner.ensurePool(on: connection)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pl-carry-\(UUID().uuidString).img").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            // 3 MiB and some bytes: several stream packets, the last one short.
            try Data((0..<(3 << 20) + 4321).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }).write(
                to: URL(fileURLWithPath: file))
            let digest = try FileDigest.sha256(ofFile: file)
            let rackTwo = LabHost(name: "rack-2", uri: host.uri, location: .start(of: "t.yaml"))
            let events = EventsCollector()
            let carrier = ImageCarrier(host: rackTwo, pool: pool, progress: events.record)

            let path = try await carrier.carry(file, digest: digest)
            let volume = try await pool.volume(named: ImageCarrier.volumeName(digest: digest, file: file))
            defer { Task { try? await volume.delete() } }
            #expect(path == volume.path)
            #expect(path.hasPrefix(LabProvisioner.remotePoolDirectory + "/"), "the pool on the second host: \(path)")
            #expect(!FileManager.default.fileExists(atPath: path), "this machine cannot see the second host's files")
            #expect(
                FileManager.default.fileExists(atPath: host.patchlabFolder + "/pool/" + volume.name),
                "the second daemon's own folder has it")
            #expect(try await VolumeDigest.sha256(of: volume) == digest, "read back through libvirt, it is the file")

            _ = try await carrier.carry(file, digest: digest)
            #expect(events.carried == [true, false], "uploaded once, then found there with its digest and reused")

            // A torn or altered copy under the digest's name is found out and replaced.
            let other = file + ".other"
            defer { try? FileManager.default.removeItem(atPath: other) }
            try Data(repeating: 7, count: (3 << 20) + 4321).write(to: URL(fileURLWithPath: other))
            try await volume.upload(fromFile: other)
            #expect(try await VolumeDigest.sha256(of: volume) != digest)
            _ = try await carrier.carry(file, digest: digest)
            #expect(events.carried == [true, false, true], "the wrong copy was uploaded again")
            #expect(try await VolumeDigest.sha256(of: pool.volume(named: volume.name)) == digest)
        }

        @Test func aHostWhoseDriverCannotReceiveImagesFailsWithAClearMessage() async throws {
            let host = try await TwoHostLab.shared.secondHost()
            let provisioner = LabProvisioner(environment: try EngineEnvironment.fromProcess())
            let connection = try await provisioner.connections.connection(host.testDriverURI)
            let pool = try await connection.storagePool(named: "default-pool")
            let carrier = ImageCarrier(
                host: LabHost(name: "sim", uri: host.testDriverURI, location: .start(of: "t.yaml")),
                pool: pool, progress: { _ in })
            do {
                _ = try await carrier.carry("/var/lib/patchlab/images/debian-12/initrd.img", digest: String(repeating: "0", count: 64))
                Issue.record("the test driver has no volume upload")
            } catch let error as EngineError {
                guard case let .imageNotCarried(name, _, detail) = error else { throw error }
                #expect(name == "sim")
                #expect(detail.contains("virStorageVolUpload"), "\(detail)")
                #expect(error.description.contains("only through libvirt (docs/hosts.md)"))
            }
            #expect(try await pool.volumes().filter { $0.name.hasPrefix("pl-golden-") }.isEmpty, "nothing half-made is left")
        }

        /// A host that hangs closes nothing: only keepalive (2 s × 3 unanswered) tells. Without it, the
        /// idle connection would look alive for as long as TCP keeps it.
        @Test func aHungHostIsGivenUpByKeepalive() async throws {
            let host = try await TwoHostLab.shared.secondHost()
            let connections = HostConnections()
            let connection = try await connections.connection(host.uri)
            #expect(!connection.isLost)
            host.pause()
            defer { host.resume() }
            // A generous guard, not a timing: keepalive gives up after about 8 s.
            let deadline = ContinuousClock.now + .seconds(60)
            while !connection.isLost && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(250)) }
            #expect(connection.closeReason == .keepalive, "\(String(describing: connection.closeReason))")
            #expect(await connections.lost(among: [host.uri])[host.uri] == .keepalive)
            await #expect(throws: EngineError.self) { _ = try await connections.connection(host.uri) }
        }

        @Test func theDemoChangeRehearsesGoOverTwoHostsWithTheRollbackProvenOnBoth() async throws {
            let booted = try await TwoHostLab.shared.lab()
            let harness = try Harness()
            defer { harness.cleanUp() }
            let status = try harness.run(["lab", "status", booted.labFile])
            #expect(status.stdout.contains("rack-2 (\(booted.host.uri))"), "lab status names each machine's host: \(status.stdout)")

            let run = try harness.run(["rehearse", try TwoHostLab.securityUpdate(in: booted)])
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("verdict: GO"))
            #expect(run.stdout.contains("rollback proven: yes"))
            #expect(run.stdout.contains("the patch changed web-02:"), "the machine on the second host was patched")
            let packet = try #require(harness.packets().first, "no packet in \(harness.evidence)")
            func read(_ path: String) -> String { (try? String(contentsOfFile: "\(packet)/\(path)", encoding: .utf8)) ?? "" }
            let rehearsal = try #require(try JSONSerialization.jsonObject(with: Data(read("rehearsal.json").utf8)) as? [String: Any])
            let proof = try #require(rehearsal["rollbackProof"] as? [String: Any])
            #expect(proof["proven"] as? Bool == true)
            #expect(Set(proof["machines"] as? [String] ?? []) == ["web-01", "web-02"], "proven on both hosts")
            let outcomes = try #require(rehearsal["patchOutcomes"] as? [[String: Any]])
            #expect(outcomes.compactMap { $0["machine"] as? String } == ["web-01", "web-02"])
            #expect(outcomes.allSatisfy { $0["succeeded"] as? Bool == true })

            let environment = try JSONDecoder().decode(LabEnvironmentRecord.self, from: Data(read("lab/environment.json").utf8))
            #expect(Set(environment.hosts.compactMap(\.name)) == ["local", "rack-2"])
            #expect(environment.hosts.allSatisfy { $0.libvirtVersion?.hasPrefix("9.") == true && $0.hypervisorVersion != nil })
            #expect(environment.machines.first { $0.name == "web-02" }?.hostURI == booted.host.uri)
            let summary = read("summary.md")
            #expect(summary.contains("| rack-2 | \(booted.host.uri) |"), "the summary names the second host and its versions")
            #expect(summary.contains("| local | qemu:///system |"))
            #expect(!read("logs/consoles/web-02.log").isEmpty, "the second host's console log came back through libvirt")
            #expect(try harness.run(["packet", "verify", packet]).status == 0)

            try await expectNoSnapshots(booted)
            for machine in ["web-01", "web-02"] {
                let version = try harness.run([
                    "lab", "exec", booted.labFile, machine, "--", "dpkg-query", "-W", "-f=${Version}", "nginx-light",
                ])
                #expect(version.stdout == "1.22.1-9+deb12u9", "\(machine) is back on the version before the patch")
            }
        }

        @Test func losingTheSecondHostMidRehearsalIsNoGoLeavesNothingOnTheFirstAndRecoverFinishesThere() async throws {
            let booted = try await TwoHostLab.shared.lab()
            let environment = try EngineEnvironment.fromProcess()
            let database = FileManager.default.temporaryDirectory.appendingPathComponent("pl-it2h-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: database) }
            let store = try RunStore(path: database)
            let provisioner = LabProvisioner(environment: environment)
            let events = Events()
            let killed = Killed()
            let result = try await Rehearsal(provisioner: provisioner, store: store).run(
                try RehearsalInputs.load(TwoHostLab.markerPatch(in: booted))
            ) { event in
                events.append(event)
                if case .phase(.postPatch) = event, killed.first() {
                    // The rehearsal waits for nothing here: the daemon dies while post-patch runs.
                    let host = booted.host
                    Task { await host.kill() }
                }
            }
            #expect(result.verdict == .noGo)
            #expect(result.reasons == ["host rack-2 lost during post-patch"], "\(result.reasons)")
            #expect(result.lostHosts == ["rack-2"])
            #expect(result.patchedMachines == ["web-01", "web-02"])
            #expect(try store.run(id: result.runID)?.status == .hostLost)
            #expect(events.notes.contains { $0.contains("once rack-2 answers again, run `patchlab recover`") }, "\(events.notes)")

            // The first host: web-01 reverted, the run's snapshot gone, nothing of the run left.
            let web01 = try await provisioner.connections.connection("qemu:///system").domain(named: "\(booted.state.prefix)-web-01")
            #expect(try await web01.snapshots().isEmpty, "no snapshot of the run left on the first host")
            let local = try await LabInspector(provisioner: provisioner).channel(lab: booted.lab, machine: "web-01")
            #expect(try await local.exec(.shell("test -e /etc/patchlab-it/patched")).exitCode == 1, "web-01 was reverted")
            let journal = try store.journal(runID: result.runID)
            #expect(journal.contains { $0.action == .snapshotRevert && $0.machine == "web-01" && $0.status == .done })
            #expect(!journal.contains { $0.action == .snapshotRevert && $0.machine == "web-02" }, "nothing was tried on the lost host")

            // The second host answers again: recover reverts web-02 there and deletes its snapshot.
            try await booted.host.start()
            let fresh = LabProvisioner(environment: environment)
            let reports = try await Recovery(provisioner: fresh, store: store).recover()
            let report = try #require(reports.first { $0.runID == result.runID }, "\(reports)")
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.actions.contains { $0.hasPrefix("reverted web-02 to its pre-patch snapshot") }, "\(report.actions)")
            #expect(report.actions.contains { $0.hasPrefix("deleted snapshot") && $0.hasSuffix("of web-02") })
            #expect(try store.run(id: result.runID)?.status == .completed)
            #expect(try store.run(id: result.runID)?.verdict == .noGo, "the verdict stands")
            let remote = try await LabInspector(provisioner: fresh).channel(lab: booted.lab, machine: "web-02")
            #expect(try await remote.exec(.shell("test -e /etc/patchlab-it/patched")).exitCode == 1, "web-02 was reverted")
            try await expectNoSnapshots(booted, provisioner: fresh)
            #expect(try await Recovery(provisioner: fresh, store: store).recover().isEmpty, "nothing is left to recover")
        }

        /// Neither machine keeps a snapshot of any run.
        private func expectNoSnapshots(
            _ booted: TwoHostLab.Booted, provisioner: LabProvisioner? = nil,
            sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) async throws {
            let provisioner = try provisioner ?? LabProvisioner(environment: EngineEnvironment.fromProcess())
            for machine in booted.state.machines {
                let domain = try await provisioner.connections.connection(machine.hostURI).domain(named: machine.domain)
                #expect(try await domain.snapshots().isEmpty, "\(machine.name) keeps a snapshot", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Whether the daemon was killed yet: the hook fires once.
final class Killed: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    func first() -> Bool {
        lock.withLock {
            defer { fired = true }; return !fired
        }
    }
}

/// Collects lab progress events.
final class EventsCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [LabEvent] = []
    var record: LabProgress { { [self] event in lock.withLock { events.append(event) } } }
    /// For each file carried, whether it was uploaded (else found there and reused).
    var carried: [Bool] {
        lock.withLock { events.compactMap { if case let .carried(_, _, _, uploaded) = $0 { uploaded } else { nil } } }
    }
}
