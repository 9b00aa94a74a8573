import Foundation
import Testing
import PatchLabTestSupport

@Suite struct PlanRunCommandTests {
    /// Packet options without `--packet` would be silently ignored; they are refused before anything runs.
    @Test func packetOptionsWithoutPacketAreAUsageError() throws {
        let binary = PatchlabBinary()
        defer { binary.cleanUp() }
        for option in [["--evidence-dir", "out"], ["--sign-with", "lab-signer"]] {
            let result = try binary.run(["plan", "run", "testplans/smoke.yaml", "--lab", "labs/demo.yaml"] + option)
            #expect(result.status == 64, "\(option)")
            #expect(result.stderr.contains("--evidence-dir and --sign-with are for the packet: add --packet"))
        }
    }
}
