/// What a change demands of the lab's likeness to production (`fidelity:` in the change file):
/// below it the verdict is NO-GO, "the lab does not mirror production".
///
/// ```yaml
/// fidelity:
///   min: 0.9                    # every target's overall score at least this (0 to 1)
///   same_start_versions: true   # every patched package starts from production's version
/// ```
public struct FidelityDemand: Sendable, Hashable, Codable {
    /// The lowest overall score allowed for each target machine; nil demands no score.
    public var min: Double?
    /// Every package the patch changes must start from production's version in the lab.
    public var sameStartVersions: Bool
    /// Where `fidelity:` starts in the change file.
    public var location: SourceLocation

    public init(min: Double? = nil, sameStartVersions: Bool = false, location: SourceLocation = .wholeFile("<code>")) {
        self.min = min
        self.sameStartVersions = sameStartVersions
        self.location = location
    }

    /// True when `score` is at least ``min`` (or none is demanded). A weighted mean carries binary
    /// rounding (0.35 × 0.75 / 0.35 is 0.7499999999999999), so a score within 1e-9 below counts as met.
    public func isMet(by score: Double?) -> Bool {
        guard let min else { return true }
        guard let score else { return false }
        return score >= min - 1e-9
    }

    /// `score ≥ 0.90 and the same start versions as production`.
    public var description: String {
        var parts: [String] = []
        if let min { parts.append("score ≥ \(FidelityReport.format(min))") }
        if sameStartVersions { parts.append("the same start versions as production") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: " and ")
    }
}
