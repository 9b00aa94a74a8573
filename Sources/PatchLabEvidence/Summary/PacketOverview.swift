import Foundation
import PatchLabModel

/// What the packet summary shows, gathered by the packet writer: the rehearsal's result, the lab it
/// ran on, the patch files and every file of the packet, so the summaries can link to each one.
public struct PacketOverview: Sendable {
    public var result: RehearsalResult
    /// The lab as read from its file; nil if the lab file could not be read (the summaries then say
    /// so instead of naming the production hosts).
    public var lab: Lab?
    /// The lab as it ran (`lab/environment.json`): where each machine ran and each host's libvirt
    /// and QEMU versions; nil when the run recorded none.
    public var environment: LabEnvironmentRecord?
    /// What was patched, with the sizes the writer measured.
    public var patchFiles: [PatchFileRecord]
    /// Every file of the packet as a relative path (`logs/post-patch/WEB/WEB-001@web-01/attempt-1/stdout`).
    public var files: [String]
    public var toolVersion: String
    public var createdAt: Date
    /// The key that signs the packet; nil for an unsigned packet.
    public var signerKeyID: String?

    public init(
        result: RehearsalResult, lab: Lab? = nil, environment: LabEnvironmentRecord? = nil, patchFiles: [PatchFileRecord] = [],
        files: [String] = [], toolVersion: String, createdAt: Date = Date(), signerKeyID: String? = nil
    ) {
        self.result = result
        self.lab = lab
        self.environment = environment
        self.patchFiles = patchFiles
        self.files = files
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.signerKeyID = signerKeyID
    }
}
