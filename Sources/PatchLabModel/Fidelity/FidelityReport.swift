import Foundation

/// Fidelity of every target machine of a rehearsal (or every machine of a lab), in lab order: what
/// the run store, the packet's `fidelity.json` and its signed attestation hold.
public struct FidelityReport: Sendable, Hashable, Codable {
    public var machines: [MachineFidelity]

    public init(machines: [MachineFidelity]) {
        self.machines = machines
    }

    /// True when at least one machine was compared with a production capture.
    public var isMeasured: Bool { machines.contains(where: \.isMeasured) }

    /// The lowest computed score of a measured machine.
    public var lowestScore: Double? { machines.compactMap(\.computedScore).min() }

    /// `web-01: the lab tested the upgrade of nginx from …; production runs …`, one per mismatch.
    public var startVersionWarnings: [String] {
        machines.flatMap { machine in machine.startVersionMismatches.map { "\(machine.machine): \($0.line)" } }
    }

    /// `0.83`: scores are shown with two decimals everywhere.
    public static func format(_ score: Double?) -> String {
        guard let score else { return "not measured" }
        return String(format: "%.2f", score)
    }
}
