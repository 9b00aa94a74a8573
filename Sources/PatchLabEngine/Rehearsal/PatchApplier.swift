import Foundation
import Libvirt
import PatchLabModel

/// Puts the patch on one machine: uploads each file, checks its sha256 *in the guest*, runs the
/// install command under the patch's timeout, and keeps the full output in the run's logs.
struct PatchApplier: Sendable {
    let patch: PatchSpec
    let folder: RunFolder

    func apply(on machine: String, channel: any GuestChannel) async -> RehearsalResult.PatchOutcome {
        await apply(on: machine, channel: channel, logDirectory: folder.patchLogs(machine))
    }

    /// The same, keeping the install's output in `logDirectory` (one folder per patch of a batch).
    func apply(on machine: String, channel: any GuestChannel, logDirectory: String) async -> RehearsalResult.PatchOutcome {
        do {
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
            let folders = Set(patch.files.map { URL(fileURLWithPath: $0.destination).deletingLastPathComponent().path })
            if !folders.isEmpty {
                let mkdir = try await channel.exec(GuestCommand(path: "mkdir", arguments: ["-p"] + folders.sorted(), timeout: .seconds(60)))
                guard mkdir.exitCode == 0 else {
                    throw EngineError.guestStepFailed(machine: machine, step: "mkdir", detail: mkdir.stderrText)
                }
            }
            for file in patch.files {
                try await channel.upload(file.source, to: file.destination)
                let digest = try await channel.exec(
                    GuestCommand(path: "sha256sum", arguments: ["--", file.destination], timeout: .seconds(120)))
                let actual = digest.stdoutText.split(separator: " ").first.map(String.init) ?? ""
                guard digest.exitCode == 0, actual == file.sha256 else {
                    throw EngineError.guestStepFailed(
                        machine: machine, step: "upload of \(file.fileName)",
                        detail: "sha256 in the guest is \(actual.isEmpty ? "unreadable" : actual), expected \(file.sha256)")
                }
            }
            let line = patch.install.commandLine
            let result = try await channel.exec(
                GuestCommand(
                    path: line[0], arguments: Array(line.dropFirst()), timeout: patch.timeout,
                    output: .viaGuestFiles(keep: 64 << 10, sinkDirectory: logDirectory)))
            let succeeded = !result.timedOut && result.exitCode == 0
            var message =
                succeeded
                ? nil
                : (result.timedOut
                    ? "the install command ran past \(DurationText.format(patch.timeout)) and was killed"
                    : "the install command exited with status \(result.exitCode.map(String.init) ?? "none")")
            if !succeeded, let full = await GuestDiskSpace.fullNote(on: channel) { message = (message ?? "") + "; " + full }
            return RehearsalResult.PatchOutcome(
                machine: machine, succeeded: succeeded, exitCode: result.exitCode, timedOut: result.timedOut,
                message: message, stdout: result.stdoutText, stderr: result.stderrText, logDirectory: logDirectory)
        } catch {
            return RehearsalResult.PatchOutcome(
                machine: machine, succeeded: false, exitCode: nil, timedOut: false,
                message: "\(error)", stdout: "", stderr: "", logDirectory: logDirectory)
        }
    }
}
