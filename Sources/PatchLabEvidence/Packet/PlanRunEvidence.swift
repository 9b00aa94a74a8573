import Foundation
import PatchLabModel

/// A plan-run packet's record of the run (`plan-run.json`): the result the verdict is decided on,
/// and who ran which part of the plan where.
public struct PlanRunEvidence: Sendable, Codable, Equatable {
    public var result: PlanRunResult
    /// The operator: the account of the real user id that ran it; nil when unknown.
    public var ranBy: String?
    /// The host the harness ran on.
    public var host: String?
    /// What was asked of the plan (`--only`, `--tag`), as the operator wrote it; nil for the whole plan.
    public var selection: String?

    public init(result: PlanRunResult, ranBy: String? = nil, host: String? = nil, selection: String? = nil) {
        self.result = result
        self.ranBy = ranBy
        self.host = host
        self.selection = selection
    }
}
