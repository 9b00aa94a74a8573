import Foundation
import PatchLabModel

extension PlanRunDocument {
    /// One plan run in the document: every field of ``PlanRunResult`` (under the same names), plus
    /// its counts and duration so a reader need not recompute them.
    public struct Run: Sendable, Hashable, Codable {
        public var result: PlanRunResult

        public init(_ result: PlanRunResult) {
            self.result = result
        }

        public var counts: [ResultState: Int] { result.counts }
        public var durationSeconds: Double { result.durationSeconds }

        private enum DerivedKeys: String, CodingKey {
            case counts, durationSeconds
        }

        public init(from decoder: any Decoder) throws {
            // The derived fields are checked by the schema; the run itself is the source of truth.
            result = try PlanRunResult(from: decoder)
        }

        public func encode(to encoder: any Encoder) throws {
            // Both containers write into the same JSON object: the run's own fields and the derived ones.
            try result.encode(to: encoder)
            var derived = encoder.container(keyedBy: DerivedKeys.self)
            try PlanRunDocument.encodeCounts(counts, to: &derived, forKey: .counts)
            try derived.encode(durationSeconds, forKey: .durationSeconds)
        }
    }
}
