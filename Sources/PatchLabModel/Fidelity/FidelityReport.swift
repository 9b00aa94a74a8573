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

    /// `0.83`: scores are shown with two decimals everywhere.
    public static func format(_ score: Double?) -> String {
        guard let score else { return "not measured" }
        return String(format: "%.2f", score)
    }
}
