import Foundation
import PatchLabModel
@testable import PatchLabEvidence
import PatchLabTestSupport

/// A rehearsal's run folder laid out as the engine leaves it (phase reports and case logs, patch
/// output, consoles, harness log, journal, lab and plan copies), and the packet written from it.
struct SamplePacket {
    let scratch: TemporaryDirectory
    let key: SigningKey
    let result: RehearsalResult
    let written: PacketWriter.Written

    var folder: String { written.folder }
    var trusted: TrustedKeys { TrustedKeys([key.publicKey]) }

    /// - Parameter stating: a verdict to write in place of the one the results give (a lying packet).
    init(_ overview: PacketOverview = SummaryFixtures.noGo(), key: SigningKey = .generate(), stating: Verdict? = nil) throws {
        scratch = try TemporaryDirectory("packet")
        self.key = key
        var result = overview.result
        result.runDirectory = scratch.path("run")
        try Self.layOutRunDirectory(result)
        if let stating { result.verdict = stating }
        self.result = result
        written = try PacketWriter(
            result: result, lab: overview.lab, signingKey: key, toolVersion: "test",
            createdAt: SummaryFixtures.start
        ).write(into: scratch.path("evidence"))
    }

    func verify(_ path: String? = nil, trusting keys: TrustedKeys? = nil) throws -> PacketVerification {
        try PacketVerifier(trustedKeys: keys ?? trusted).verify(path ?? folder)
    }

    func path(_ relative: String) -> String { "\(folder)/\(relative)" }

    /// Lists every file's present digest in the manifest and signs it again with the packet's key:
    /// what someone holding the key could do after changing a file.
    func reseal() throws {
        var manifest = try PacketJSON.decoder.decode(
            PacketManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path("manifest.json"))))
        manifest.files = try manifest.files.map { entry in
            let digest = try StreamingDigest.sha256(ofFile: path(entry.path))
            return PacketManifest.Entry(path: entry.path, sha256: digest.sha256, size: digest.size)
        }
        let data = try PacketJSON.encoder.encode(manifest)
        try data.write(to: URL(fileURLWithPath: path("manifest.json")))
        let signature = try DSSEEnvelope.sign(payload: data, payloadType: PacketManifest.payloadType, with: key)
        try signature.encoded().write(to: URL(fileURLWithPath: path("manifest.sig.json")))
    }

    static func layOutRunDirectory(_ result: RehearsalResult) throws { try SampleRunDirectory.layOut(result) }

    static func write(_ text: String, to path: String) throws { try SampleRunDirectory.write(text, to: path) }
}
