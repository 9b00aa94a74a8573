import Foundation

/// A production host's fingerprint as PatchLab keeps it (`production/NAME.json`): the fingerprint
/// the read-only probe gave, with when, by whom, how and from which host key it was taken. Lab
/// machines are scored against it (``FidelityComparison``) and matched images are built from it.
///
/// The file may have come from anywhere: ``load(contentsOf:expectedName:)`` checks its size, its
/// format and every fact in it before anything uses it.
public struct ProductionRecord: Sendable, Hashable, Codable {
    public static let currentFormat = "patchlab.production/v1"
    /// Larger than any real capture (a host with 3,000 packages and 30,000 watched files is ~5 MiB).
    public static let maximumFileSize = 64 << 20

    public var format: String
    public var name: String
    /// The ssh destination as given, or the file the probe output was imported from.
    public var host: String
    public var capturedAt: Date
    /// The operator (the real user id's account, ``OperatorIdentity`` in the engine).
    public var capturedBy: String
    /// The machine PatchLab ran on.
    public var capturedOn: String
    public var method: CaptureMethod
    /// `ssh-ed25519 SHA256:…`, the key the host proved it holds; nil for an import.
    public var hostKey: String?
    /// sha256 of the probe script that ran.
    public var probeSHA256: String
    /// What the probe gathered (watch, ignore, sections).
    public var spec: FingerprintSpec
    public var fingerprint: Fingerprint
    /// Files copied on purpose (`--copy`), never implicitly.
    public var copiedFiles: [CopiedFile]

    public init(
        name: String, host: String, capturedAt: Date, capturedBy: String, capturedOn: String,
        method: CaptureMethod, hostKey: String?, probeSHA256: String, spec: FingerprintSpec,
        fingerprint: Fingerprint, copiedFiles: [CopiedFile] = []
    ) {
        format = Self.currentFormat
        self.name = name
        self.host = host
        self.capturedAt = capturedAt
        self.capturedBy = capturedBy
        self.capturedOn = capturedOn
        self.method = method
        self.hostKey = hostKey
        self.probeSHA256 = probeSHA256
        self.spec = spec
        self.fingerprint = fingerprint
        self.copiedFiles = copiedFiles
    }

    /// How a fidelity comparison names this record; `recordSHA256` is the digest of its file.
    public func reference(recordSHA256: String) -> ProductionReference {
        ProductionReference(
            name: name, host: host, capturedAt: capturedAt, capturedBy: capturedBy, method: method,
            hostKey: hostKey, recordSHA256: recordSHA256)
    }
}
