import Foundation
import Libvirt

/// Puts a guest's clock back to the present after a revert. A snapshot with memory resumes the guest
/// exactly as it was, clock included, so without this a rolled-back machine runs minutes in the past:
/// its logs, certificates and package timestamps would all be judged against the wrong time.
///
/// Through `date -s` in the guest rather than the agent's `guest-set-time`, which also writes the
/// hardware clock and so refuses on guests without `hwclock` (Debian 12 keeps it in util-linux-extra).
enum GuestClock {
    static func set(_ channel: any GuestChannel, machine: String, to now: Date = Date()) async throws {
        let seconds = String(format: "%.3f", now.timeIntervalSince1970)
        let result = try await channel.exec(GuestCommand(path: "/bin/date", arguments: ["-u", "-s", "@\(seconds)"], timeout: .seconds(30)))
        guard result.exitCode == 0 else {
            throw EngineError.guestStepFailed(
                machine: machine, step: "set the clock after the revert",
                detail: String(decoding: result.stderr, as: UTF8.self))
        }
    }
}
