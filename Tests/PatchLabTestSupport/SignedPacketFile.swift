import Foundation
import PatchLabEvidence
import PatchLabModel

/// Adds a file to a written packet as if it had been there when the packet was signed: the file,
/// its manifest entry, and the manifest signed again by the packet's own key. For tests that need a
/// listed file of a given name or size without writing a whole packet around it.
public enum SignedPacketFile {
    public static func add(_ relative: String, _ data: Data, to folder: String, signer: SigningKey) throws {
        let path = "\(folder)/\(relative)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        let manifestPath = "\(folder)/\(PacketLayout.manifest)"
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        var manifest = try decoder.decode(PacketManifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        manifest.files =
            (manifest.files + [
                PacketManifest.Entry(
                    path: relative, sha256: try StreamingDigest.sha256(ofFile: path).sha256,
                    size: Int64(data.count))
            ]).sorted { $0.path < $1.path }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let bytes = try encoder.encode(manifest)
        try bytes.write(to: URL(fileURLWithPath: manifestPath))
        let envelope = try DSSEEnvelope.sign(payload: bytes, payloadType: PacketManifest.payloadType, with: signer)
        try envelope.encoded().write(to: URL(fileURLWithPath: "\(folder)/\(PacketLayout.manifestSignature)"))
    }
}
