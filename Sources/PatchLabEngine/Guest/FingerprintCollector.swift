import Foundation
import Libvirt
import PatchLabModel

/// Takes a machine's fingerprint by running the change's fingerprint probe in the guest.
package struct FingerprintCollector: Sendable {
    package let spec: FingerprintSpec

    package init(spec: FingerprintSpec) { self.spec = spec }

    package func take(machine: String, phase: RehearsalPhase?, channel: any GuestChannel) async throws -> Fingerprint {
        let command = spec.probeCommandLine
        let result = try await channel.exec(
            GuestCommand(
                path: command[0], arguments: Array(command.dropFirst()),
                timeout: .seconds(300),
                output: .viaGuestFiles(keep: 64 << 20, sinkDirectory: nil)))
        guard !result.timedOut, result.exitCode == 0 else {
            throw EngineError.guestStepFailed(
                machine: machine, step: "fingerprint",
                detail: result.timedOut ? "timed out" : "exit \(result.exitCode ?? -1): \(result.stderrText.prefix(500))")
        }
        return try Fingerprint.parse(probeOutput: result.stdoutText, machine: machine, phase: phase)
    }
}
