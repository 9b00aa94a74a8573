import Foundation
import Libvirt
import PatchLabModel
import Testing
@testable import PatchLabBench

/// `bench scale` at a small size: the whole rehearsal runs GO over its test-driver hosts, `host: auto`
/// spreads the machines within `max_machines`, no host boots more at once than its limit, and the
/// raw floor and memory figures are measured, not made up. Serialized: the second test looks for
/// scratch folders the first would be making.
@Suite(.serialized) struct ScaleBenchmarkTests {
    @Test func aSmallScaleRunIsGoWithinEveryHostsLimits() async throws {
        let report = try await ScaleBenchmark(hosts: 3, bootLimit: 2, bootDelay: .milliseconds(5)).run(machineCounts: [7, 14]) { _ in }
        #expect(report.rows.map(\.machines) == [7, 14])
        for row in report.rows {
            #expect(row.verdict == .go, "\(row.phases.map { "\($0.name) \($0.status)" })")
            #expect(row.phases.map(\.name).first == .lab && row.phases.map(\.name).last == .teardown)
            #expect(row.machinesPerHost.values.reduce(0, +) == row.machines, "every machine was placed by host: auto")
            let perHost = (row.machines + 2) / 3
            #expect(row.machinesPerHost.values.allSatisfy { $0 <= perHost }, "max_machines \(perHost): \(row.machinesPerHost)")
            #expect(Set(row.maxBootsInFlight.keys) == ["h1", "h2", "h3"])
            #expect(row.maxBootsInFlight.values.allSatisfy { $0 <= 2 }, "max_parallel_boots 2: \(row.maxBootsInFlight)")
            #expect(row.maxBootsInFlight.values.contains(2), "boots did overlap up to the limit: \(row.maxBootsInFlight)")
            #expect(row.rawSeconds > 0 && row.patchlabSeconds > 0)
        }
        #expect(report.perMachineGrowth != nil)
        #expect(report.peakMemoryMiB > 10, "VmHWM read from /proc/self/status")
    }

    @Test func theRawFloorAndTheRehearsalLeaveNothingBehind() async throws {
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("pl-bench-scale-") }
        _ = try await ScaleBenchmark(hosts: 2, bootLimit: 1, bootDelay: .milliseconds(1)).run(machineCounts: [3]) { _ in }
        let after = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("pl-bench-scale-") }
        #expect(Set(after).isSubset(of: Set(before)), "its scratch folder is removed")
    }
}
