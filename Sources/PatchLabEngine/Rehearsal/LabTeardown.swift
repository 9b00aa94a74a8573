import Foundation
import PatchLabModel

/// The end of a rehearsal's lab: its console logs copied into the run folder, then the lab taken
/// down (journalled) unless it was kept or was up before the run. Hosts in `sparing` (lost) are not
/// touched: their part of the lab stays in its state file and the journal's `lab.down` is marked
/// failed, so `patchlab recover` takes it down once they answer again.
struct LabTeardown: Sendable {
    let context: RehearsalContext

    func run(labWasUp: Bool, sparing: Set<String> = []) async {
        let (lab, provisioner, progress) = (context.lab, context.provisioner, context.progress)
        for note in await context.capture.captureConsoles(labName: lab.name) { progress(.note(note)) }
        guard !context.options.keepLab, !labWasUp else {
            progress(.note("lab \(lab.name) left up"))
            return
        }
        do {
            try await context.store.journaled(context.entry(.labDown, objectKind: "lab", objectName: lab.name)) {
                try await provisioner.down(labNamed: lab.name, sparing: sparing) { progress(.lab($0)) }
            }
        } catch {
            progress(
                .note(
                    sparing.isEmpty
                        ? "lab down failed: \(error); run `patchlab lab down \(lab.file)`"
                        : "lab \(lab.name) taken down on the hosts that answer; `patchlab recover` finishes the rest"))
        }
    }
}
