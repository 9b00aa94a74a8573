/// How closely one lab machine mirrors the production host it names (`mirrors:`): a score per
/// dimension and overall, the exact differences, and where each patched package starts on both
/// sides. Without a production capture of that host, ``production`` is nil and ``notMeasured``
/// says why.
public struct MachineFidelity: Sendable, Hashable, Codable {
    public var machine: String
    /// The lab file's `mirrors:` of the machine.
    public var mirrors: String
    public var production: ProductionReference?
    /// Why fidelity was not measured (no capture of the mirrored host); nil when it was.
    public var notMeasured: String?
    /// The dimensions measured on both sides, in ``FidelityDimensionKind`` order.
    public var dimensions: [FidelityDimension]
    /// As recorded; decisions use ``computedScore``.
    public var score: Double?
    /// The packages the change patches (empty outside a rehearsal, or before the patch ran).
    public var startVersions: [StartVersion]

    public init(
        machine: String, mirrors: String, production: ProductionReference?, notMeasured: String? = nil,
        dimensions: [FidelityDimension] = [], startVersions: [StartVersion] = []
    ) {
        self.machine = machine
        self.mirrors = mirrors
        self.production = production
        self.notMeasured = notMeasured
        self.dimensions = dimensions.sorted { $0.kind < $1.kind }
        self.startVersions = startVersions
        score = nil
        score = computedScore
    }

    /// A machine with no capture of the host it mirrors.
    public static func notMeasured(machine: String, mirrors: String, reason: String) -> MachineFidelity {
        MachineFidelity(machine: machine, mirrors: mirrors, production: nil, notMeasured: reason)
    }

    public var isMeasured: Bool { production != nil }

    /// The weighted mean of the dimensions' computed scores (weights in ``FidelityDimensionKind``),
    /// over the dimensions measured; nil when none was.
    public var computedScore: Double? {
        guard isMeasured, !dimensions.isEmpty else { return nil }
        let weights = dimensions.map(\.kind.weight).reduce(0, +)
        return dimensions.map { $0.kind.weight * $0.computedScore }.reduce(0, +) / weights
    }

    public func dimension(_ kind: FidelityDimensionKind) -> FidelityDimension? {
        dimensions.first { $0.kind == kind }
    }

    /// The patched packages that do not start from production's version in the lab.
    public var startVersionMismatches: [StartVersion] { startVersions.filter { !$0.matches } }
}
