import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabEngine

/// Real guests under QEMU (TCG here) through libvirtd: needs `scripts/setup` and the debian-12 image.
/// Serialized: one booted lab is shared, and the last test takes it down and checks nothing is left.
/// Every test that boots real guests, one at a time: two cores cannot boot two labs at once quickly.
@Suite(.serialized) enum RealVMTests {}

extension RealVMTests {
    @Suite(.serialized, .sharedRealLab) struct RealLabTests {
        @Test func guestCommandsReturnStatusAndOutput() async throws {
            let lab = try await RealLab.shared.lab()
            let active = try await lab.channel.exec(GuestCommand(path: "systemctl", arguments: ["is-active", "nginx"]))
            #expect(active.exitCode == 0)
            #expect(active.stdoutText == "active\n")
            let failing = try await lab.channel.exec(.shell("echo oops >&2; exit 3"))
            #expect(failing.exitCode == 3)
            #expect(failing.stderrText == "oops\n")
            #expect(!failing.timedOut)
            let viaFiles = try await lab.channel.exec(
                GuestCommand(
                    path: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 7"],
                    output: .viaGuestFiles(keep: 1024, sinkDirectory: nil)))
            #expect(viaFiles.exitCode == 7)
            #expect(viaFiles.stdoutText == "out\n")
            #expect(viaFiles.stderrText == "err\n")
        }

        @Test func osFactsAndHostnameComeFromTheAgent() async throws {
            let lab = try await RealLab.shared.lab()
            let os = try await lab.channel.osInfo()
            #expect(os.id == "debian")
            #expect(os.versionID == "12")
            #expect(try await lab.channel.hostname() == "it-01", "up names each clone after its machine")
            let status = try await LabInspector(provisioner: lab.provisioner).status(of: lab.lab)
            #expect(status.map(\.state) == ["running"])
            #expect(status[0].os?.prettyName?.contains("Debian GNU/Linux 12") == true)
            #expect(status[0].accelerator != nil)
        }

        @Test func commandPastItsTimeoutIsKilledAndReported() async throws {
            let lab = try await RealLab.shared.lab()
            let clock = ContinuousClock()
            let start = clock.now
            // A child process too: the whole process group must die, not just the shell.
            let result = try await lab.channel.exec(
                GuestCommand(
                    path: "/bin/sh", arguments: ["-c", "sleep 300 & sleep 301; echo never"],
                    timeout: .seconds(2),
                    output: .viaGuestFiles(keep: 1024, sinkDirectory: nil)))
            #expect(result.timedOut)
            #expect(result.exitCode == nil)
            #expect(result.stdoutText.isEmpty)
            #expect(clock.now - start < .seconds(30), "the harness does not wait for the guest")
            let sleepers = try await lab.channel.exec(
                .shell("for p in /proc/[0-9]*; do cat $p/comm 2>/dev/null; done | grep -cx sleep || true"))
            #expect(sleepers.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "no sleep survives the timeout")
        }

        @Test func fileRoutedCommandsStillRunOnceWhenBusyboxGoesAway() async throws {
            let lab = try await RealLab.shared.lab()
            let routed = GuestCommand(
                path: "/bin/sh", arguments: ["-c", "echo ran >> /tmp/pl-runs; echo out; exit 5"],
                output: .viaGuestFiles(keep: 1024, sinkDirectory: nil))
            _ = try await lab.channel.exec(.shell("rm -f /tmp/pl-runs"))
            #expect(try await lab.channel.exec(routed).exitCode == 5, "through the probed static shell")
            // As if a patch removed busybox-static after the probe: the wrapper cannot start.
            _ = try await lab.channel.exec(.shell("mv /bin/busybox /bin/busybox.away"))
            let without = try await lab.channel.exec(routed)
            _ = try await lab.channel.exec(.shell("mv /bin/busybox.away /bin/busybox"))
            #expect(without.exitCode == 5)
            #expect(without.stdoutText == "out\n")
            let runs = try await lab.channel.exec(.shell("wc -l < /tmp/pl-runs"))
            #expect(runs.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "each command ran exactly once")
        }

        @Test func filesLargerThanTheMessageCapGoBothWays() async throws {
            let lab = try await RealLab.shared.lab()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-it-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            // 5 MiB of varied bytes: over libvirt's 4 MiB message cap, so chunking is required.
            var bytes = [UInt8](repeating: 0, count: 5 * 1024 * 1024 + 123)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 13) }
            let original = Data(bytes)
            let up = directory.appendingPathComponent("up.bin").path
            let down = directory.appendingPathComponent("down.bin").path
            try original.write(to: URL(fileURLWithPath: up))
            try await lab.channel.upload(up, to: "/tmp/pl-big.bin")
            let size = try await lab.channel.exec(GuestCommand(path: "stat", arguments: ["-c", "%s", "/tmp/pl-big.bin"]))
            #expect(size.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == String(original.count))
            try await lab.channel.download("/tmp/pl-big.bin", to: down)
            #expect(try Data(contentsOf: URL(fileURLWithPath: down)) == original)
            _ = try await lab.channel.exec(GuestCommand(path: "rm", arguments: ["-f", "/tmp/pl-big.bin"]))
        }

        @Test func largeOutputIsReadBackInChunksAndBoundedInMemory() async throws {
            let lab = try await RealLab.shared.lab()
            let sink = FileManager.default.temporaryDirectory.appendingPathComponent("pl-sink-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: sink, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: sink) }
            let total = 12 * 1024 * 1024
            let result = try await lab.channel.exec(
                GuestCommand(
                    path: "/bin/sh", arguments: ["-c", "head -c \(total) /dev/zero | tr '\\\\0' x"],
                    output: .viaGuestFiles(keep: 64 * 1024, sinkDirectory: sink)))
            #expect(result.exitCode == 0)
            #expect(result.stdoutBytes == total)
            #expect(result.stdout.count == 64 * 1024, "only the kept part is in memory")
            #expect(result.stdoutTruncated)
            let written = try FileManager.default.attributesOfItem(atPath: sink + "/stdout")[.size] as? NSNumber
            #expect(written?.intValue == total, "every byte reached the host log")
        }

        @Test func snapshotRevertRestoresTheGuest() async throws {
            let lab = try await RealLab.shared.lab()
            let snapshot = try await lab.domain.createSnapshot(name: "it-pre", description: "integration test")
            _ = try await lab.channel.exec(.shell("echo changed > /etc/patchlab-marker && sync"))
            #expect(try await lab.channel.exec(.shell("cat /etc/patchlab-marker")).exitCode == 0)
            try await snapshot.revert()
            try await lab.channel.waitUntilReady(timeout: .seconds(60))
            #expect(try await lab.channel.exec(.shell("test -e /etc/patchlab-marker")).exitCode == 1, "the revert undid the change")
            try await snapshot.delete()
            #expect(try await lab.domain.snapshots().isEmpty)
        }

        /// A patch that fills the root disk: its output is still captured (the harness's files are on a
        /// tmpfs, not the root disk) and the outcome says the disk is full, not only "exit status 1".
        @Test func aPatchThatFillsTheDiskKeepsItsOutputAndIsNamedDiskFull() async throws {
            let lab = try await RealLab.shared.lab()
            let snapshot = try await lab.domain.createSnapshot(name: "it-full", description: "integration test: full disk")
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("pl-full-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: logs) }
            let install =
                "echo unpacking; dd if=/dev/zero of=/var/tmp/fill bs=1M 2>/dev/null; sync; echo configuring; "
                + "echo data > /var/tmp/more || { echo 'cannot write the configuration' >&2; exit 1; }"
            let patch = PatchSpec(description: "fills the disk", install: .shell(install), timeout: .seconds(600))
            let outcome = await PatchApplier(patch: patch, folder: RunFolder(path: logs)).apply(on: "it-01", channel: lab.channel)
            let free = try await lab.channel.exec(GuestCommand(path: "df", arguments: ["-kP", "/"])).stdoutText
            try await snapshot.revert(force: true)
            try await lab.channel.waitUntilReady(timeout: .seconds(60))
            try await snapshot.delete()

            #expect(!outcome.succeeded)
            #expect(outcome.stdout.contains("unpacking") && outcome.stdout.contains("configuring"), "\(outcome.stdout) / df: \(free)")
            #expect(outcome.stderr.contains("cannot write the configuration"), "\(outcome.stderr)")
            #expect(outcome.message?.contains("the guest's disk is full: / has") == true, "\(outcome.message ?? "")")
            #expect(try await lab.channel.exec(.shell("test -e /var/tmp/fill")).exitCode == 1, "the revert freed the disk")
        }

        @Test func planWithHugeBinaryAndEndlessOutputCompletesBounded() async throws {
            let lab = try await RealLab.shared.lab()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pl-nasty-\(UUID().uuidString).yaml").path
            try """
            plan: NASTY
            title: Guest commands that misbehave
            version: "1"
            owner: qa
            applications: [guest]
            defaults: {on: it-01}
            cases:
              - {id: N-1, title: 50 MiB of output, functionality: output, run: "head -c 52428800 /dev/zero | tr '\\\\0' y", expect: {exit: 0}}
              - {id: N-2, title: binary output, functionality: output, run: "head -c 4096 /dev/urandom", expect: {stdout: {contains: "never"}}}
              - {id: N-3, title: never ends, functionality: output, timeout: 3s, run: "while :; do echo tick; sleep 1; done"}
            """.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let reports = FileManager.default.temporaryDirectory.appendingPathComponent("pl-nasty-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: reports) }
            let result = try await PlanRunner(inspector: LabInspector(provisioner: lab.provisioner), store: nil)
                .run(try TestPlan.load(contentsOf: file), lab: lab.lab, options: PlanRunOptions(reportDirectory: reports))
            let byID = Dictionary(uniqueKeysWithValues: result.results.map { ($0.caseID, $0) })
            let huge = try #require(byID["N-1"])
            #expect(huge.state == .passed)
            #expect(huge.stdout.utf8.count < 64 * 1024, "the result carries a bounded excerpt")
            #expect(huge.stdout.contains("more bytes in the log"))
            let log = try #require(huge.stdoutLog)
            #expect(
                (try FileManager.default.attributesOfItem(atPath: reports + "/" + log)[.size] as? NSNumber)?.intValue == 52_428_800,
                "the full output is in the log file")
            #expect(byID["N-2"]?.state == .failed, "binary output is judged, not fatal")
            let endless = try #require(byID["N-3"])
            #expect(endless.state == .timedOut)
            #expect(endless.stdout.contains("tick"), "what it printed before the timeout is kept")
            #expect(endless.durationSeconds < 30)
        }

        /// Takes the shared lab down and checks libvirt's own view of what is left (a later test would boot it again).
        @Test func downLeavesNothingBehind() async throws {
            let lab = try await RealLab.shared.lab()
            let prefix = lab.state.prefix
            #expect(try virsh("list", "--all", "--name").contains(prefix))
            #expect(try virsh("vol-list", "patchlab").contains(prefix))
            try await RealLab.shared.stop()
            #expect(!(try virsh("list", "--all", "--name").contains(prefix)), "no domain of the run is left")
            #expect(!(try virsh("vol-list", "patchlab").contains(prefix)), "no volume of the run is left")
            #expect(try lab.provisioner.state(of: lab.lab.name) == nil)
            #expect(try await lab.provisioner.down(labNamed: lab.lab.name) == false, "down again is a no-op")
        }
    }
}
