import Foundation

/// What `packet verify` found: each check by name, passed or with every problem it saw, so the
/// output says exactly what is wrong and where.
public struct PacketVerification: Sendable {
    public struct Check: Sendable {
        public var name: String
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
        /// What the check established when it passed (e.g. the signer).
        public var detail: String?
    }

    public var packet: String
    public var checks: [Check]
    /// The trusted key that signed the manifest, when one did.
    public var signer: VerifyingKey?
    /// The approval records judged against the members file (which one, and its digest, are in it);
    /// nil when no members file was given.
    public var approvals: ApprovalJudgement?

    public var isIntact: Bool { checks.allSatisfy(\.passed) }
    public var problems: [String] { checks.flatMap { check in check.problems.map { "\(check.name): \($0)" } } }

    public func check(_ name: String) -> Check? { checks.first { $0.name == name } }
}
