import Foundation
import Testing
@testable import PatchLabEngine

/// A program whose output is not trusted is kept within its limits and its deadline, with every
/// process it started.
@Suite struct BoundedCommandTests {
    @Test func outputWithinLimitsAndStatus() async throws {
        let done = try await BoundedCommand(
            path: "/bin/sh", arguments: ["-c", "cat; echo err >&2; exit 4"], input: Data("in\n".utf8),
            stdoutLimit: 1024, timeout: .seconds(30)
        ).run()
        #expect(
            done.status == 4 && String(decoding: done.stdout, as: UTF8.self) == "in\n"
                && String(decoding: done.stderr, as: UTF8.self) == "err\n")
        #expect(!done.timedOut && done.overflowed == nil)
    }

    @Test func aFloodIsKilledAtTheLimit() async throws {
        let done = try await BoundedCommand(path: "/usr/bin/yes", arguments: [], stdoutLimit: 100_000, timeout: .seconds(60)).run()
        #expect(done.overflowed == "stdout" && done.status == nil)
        #expect(done.stdout.count <= 100_000)
    }

    /// The deadline kills the program's whole process group: a child it left behind does not hold
    /// the pipes (or the caller) open.
    @Test func theDeadlineKillsTheProgramAndItsChildren() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let done = try await BoundedCommand(
            path: "/bin/sh", arguments: ["-c", "sleep 317 & exec sleep 318"],
            stdoutLimit: 1024, timeout: .seconds(1)
        ).run()
        #expect(done.timedOut && done.status == nil)
        #expect(clock.now - start < .seconds(120), "killed at the deadline, not when sleep 318 ends")
        try await Task.sleep(for: .milliseconds(200))
        let left = try TestSSHServer.run("/bin/sh", ["-c", "ps -eo args | grep -c '^sleep 31[78]$' || true"])
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "no sleep of the group survives")
    }

    @Test func aProgramThatExitsWithoutReadingItsInputDoesNotKillTheCaller() async throws {
        let done = try await BoundedCommand(
            path: "/bin/true", arguments: [], input: Data(count: 8 << 20), stdoutLimit: 1024,
            timeout: .seconds(30)
        ).run()
        #expect(done.status == 0)
    }
}
