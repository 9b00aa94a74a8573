import Foundation
import PatchLabEngine
import PatchLabEvidence
import PatchLabModel

/// A rehearsal as `rehearse` and `bisect` run it: Ctrl-C caught, progress on the terminal, every
/// report written into the run folder, the signed packet written, and the verdict printed (or the
/// result as JSON).
struct RehearsalRun {
    let evidence: EvidenceOptions
    let output: OutputOptions

    func run(_ inputs: RehearsalInputs, options: RehearsalOptions) async throws -> RehearsalResult {
        let environment = try CLIContext.environment()
        let showProgress = !output.json
        let signingKey = try evidence.signingKey(environment: environment, showingNotes: showProgress)
        let interrupt = InterruptSignal { if showProgress { Console.err("interrupt: stopping at the next safe point and rolling back…") } }
        interrupt.install()
        let rehearsal = Rehearsal(
            provisioner: LabProvisioner(environment: environment),
            store: try RunStore(environment: environment), interrupt: interrupt)
        let result = try await rehearsal.run(inputs, options: options, progress: RehearsalPrinter(enabled: showProgress).print)
        try ReportWriter.writeReports(of: result)
        let packet = try PacketWriter(
            result: result, lab: inputs.lab,
            signingKey: signingKey, toolVersion: PatchLabCommand.version
        ).write(into: evidence.root)
        if output.json {
            try Console.json(result)
        } else {
            RehearsalPrinter.summary(result)
            Console.out("evidence: \(packet.folder)/\(PacketLayout.summaryHTML)")
            Console.out("          \(packet.archive) (signed, keyid \(signingKey.publicKey.keyID.prefix(16))…)")
        }
        return result
    }
}
