import Foundation

/// Which production capture a lab machine was compared with: enough for a reader of the evidence
/// to find the record (``recordSHA256``) and judge it (when, by whom, from which host key).
public struct ProductionReference: Sendable, Hashable, Codable {
    /// The record's name (`production/NAME.json`).
    public var name: String
    /// The host as it was reached (an ssh destination), or where the probe output was imported from.
    public var host: String
    public var capturedAt: Date
    public var capturedBy: String
    public var method: CaptureMethod
    /// The host key the capture connected to (`ssh-ed25519 SHA256:…`); nil for an import.
    public var hostKey: String?
    /// sha256 of the record file as it was read.
    public var recordSHA256: String

    public init(
        name: String, host: String, capturedAt: Date, capturedBy: String, method: CaptureMethod,
        hostKey: String?, recordSHA256: String
    ) {
        self.name = name
        self.host = host
        self.capturedAt = capturedAt
        self.capturedBy = capturedBy
        self.method = method
        self.hostKey = hostKey
        self.recordSHA256 = recordSHA256
    }
}

/// How a production fingerprint was taken.
public enum CaptureMethod: String, Sendable, Hashable, Codable {
    /// The probe ran over the system's OpenSSH client.
    case ssh
    /// The probe's output was carried over by hand (`production capture --from FILE`).
    case file
}
