import Foundation
import PatchLabModel

/// What every part of one rehearsal shares: where it runs, what it journals to, which run it is,
/// and where it reports progress. Plain values and thread-safe services, so the session's parts
/// (``SnapshotSet``, ``PhasedRollout``, ``WarmStart``) can be separate types.
struct RehearsalContext: Sendable {
    let provisioner: LabProvisioner
    let store: RunStore
    let inputs: RehearsalInputs
    let runID: String
    let folder: RunFolder
    let options: RehearsalOptions
    let interrupt: InterruptSignal
    let progress: RehearsalProgress

    var lab: Lab { inputs.lab }
    var change: Change { inputs.change }
    var inspector: LabInspector { LabInspector(provisioner: provisioner) }
    var capture: RunRecordCapture { RunRecordCapture(folder: folder, provisioner: provisioner) }
    var hostWatch: HostWatch { HostWatch(provisioner: provisioner, lab: lab) }

    func entry(
        _ action: JournalAction, machine: String? = nil, objectKind: String? = nil, objectName: String? = nil,
        hostURI: String? = nil, detail: String? = nil
    ) -> JournalEntry {
        JournalEntry(
            runID: runID, action: action, machine: machine, objectKind: objectKind, objectName: objectName, hostURI: hostURI,
            detail: detail)
    }

    /// After a revert: the guest's clock to the present. A clock that cannot be set is said, not fatal:
    /// the machine is still the one the snapshot holds.
    func setClock(_ channel: any GuestChannel, machine: String) async {
        do { try await GuestClock.set(channel, machine: machine) } catch {
            progress(.note("could not set the clock of \(machine) after the revert: \(error)"))
        }
    }
}
