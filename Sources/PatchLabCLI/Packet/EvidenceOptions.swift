import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabEvidence

/// Where packets go and which key signs them: the same two options for `rehearse` and `plan run --packet`.
struct EvidenceOptions: ParsableArguments {
    @Option(help: "Where evidence packets go (default: $PATCHLAB_EVIDENCE or ./evidence).")
    var evidenceDir: String?

    @Option(help: "The key that signs the packet: a name in $PATCHLAB_HOME/keys or a .key file (default: lab-signer, made on first use).")
    var signWith: String?

    var root: String { evidenceDir ?? ProcessInfo.processInfo.environment["PATCHLAB_EVIDENCE"] ?? "evidence" }

    /// The signing key, resolved before anything runs: evidence that cannot be signed is not worth a run.
    func signingKey(environment: EngineEnvironment, showingNotes: Bool) throws -> SigningKey {
        try KeyRing(environment: environment).signingKey(signWith) { if showingNotes { Console.err($0) } }
    }
}
