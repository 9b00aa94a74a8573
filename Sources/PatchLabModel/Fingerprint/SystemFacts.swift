/// What a fingerprint says about the system itself: the OS release (`/etc/os-release`), the running
/// kernel and the machine's architecture (`uname -r -m`). Fidelity compares them first: a lab on
/// another release or kernel tests another system.
///
/// Each is nil when the probe could not read it (or the fingerprint predates these facts).
public struct SystemFacts: Sendable, Hashable, Codable {
    /// os-release `ID` (`debian`).
    public var osID: String?
    /// os-release `VERSION_ID` (`12`).
    public var osVersion: String?
    /// os-release `VERSION_CODENAME` (`bookworm`).
    public var osCodename: String?
    /// `uname -r` (`6.1.0-26-amd64`).
    public var kernel: String?
    /// `uname -m` (`x86_64`).
    public var architecture: String?

    public init(
        osID: String? = nil, osVersion: String? = nil, osCodename: String? = nil, kernel: String? = nil,
        architecture: String? = nil
    ) {
        self.osID = osID
        self.osVersion = osVersion
        self.osCodename = osCodename
        self.kernel = kernel
        self.architecture = architecture
    }

    /// True when the probe gave none of these facts.
    public var isEmpty: Bool {
        osID == nil && osVersion == nil && osCodename == nil && kernel == nil && architecture == nil
    }

    /// `debian 12 (bookworm)`; nil without an os-release.
    public var osRelease: String? {
        guard osID != nil || osVersion != nil else { return nil }
        return [osID ?? "?", osVersion ?? "?"].joined(separator: " ") + (osCodename.map { " (\($0))" } ?? "")
    }
}
