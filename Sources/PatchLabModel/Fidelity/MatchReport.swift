/// What the recipe could match of a production capture (written by `build.sh` as one line per
/// item, read by ``parse(_:)``): the packages installed at production's version, those Debian's
/// archives no longer have (or never had), the services enabled or not, the files copied.
///
/// ```
/// installed nginx-light=1.22.1-9+deb12u3
/// unavailable libfoo=1.0-1
/// failed apt-get install exited 100: E: …
/// enabled cron.service
/// not-enabled avahi-daemon.service no unit file in the image
/// copied /etc/nginx/nginx.conf
/// refused /etc/x a symbolic link in the image's path
/// ```
public struct MatchReport: Sendable, Hashable, Codable {
    public var installed: [String] = []
    public var unavailable: [String] = []
    /// Whole-step failures (apt refusing the set); the image was still built.
    public var failures: [String] = []
    public var enabled: [String] = []
    public var notEnabled: [String] = []
    public var copied: [String] = []
    public var refused: [String] = []
    /// Packages the plan left out before the recipe ran (``MatchPlan/skipped``).
    public var skipped: [String] = []

    public init() {}

    /// Reads the recipe's report; a line of another shape is a failure of its own, not dropped.
    public static func parse(_ text: String) -> MatchReport {
        var report = MatchReport()
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "installed": report.installed.append(parts[1])
            case "unavailable": report.unavailable.append(parts[1])
            case "failed": report.failures.append(parts[1])
            case "enabled": report.enabled.append(parts[1])
            case "not-enabled": report.notEnabled.append(parts[1])
            case "copied": report.copied.append(parts[1])
            case "refused": report.refused.append(parts[1])
            default: report.failures.append("unexpected report line: \(Fingerprint.shown(String(line)))")
            }
        }
        return report
    }

    /// `412 packages at production's version, 3 not in Debian's archives; 5 services enabled, 1 not; 0 files copied`.
    public var summary: String {
        "\(installed.count) packages at production's version, \(unavailable.count) no longer (or never) in Debian's archives, "
            + "\(skipped.count) left out; \(enabled.count) services enabled, \(notEnabled.count) not; "
            + "\(copied.count) files copied, \(refused.count) refused" + (failures.isEmpty ? "" : "; \(failures.count) failures")
    }
}
