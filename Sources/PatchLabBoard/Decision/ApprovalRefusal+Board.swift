import PatchLabEvidence

extension ApprovalRefusal {
    /// The refusal as the board answers it (422): the desk's reason, which a member can act on, but
    /// without the server's paths and error texts the desk's message may hold for a terminal user.
    func boardError(_ failures: FailureLog) -> BoardError {
        let fallback =
            rule == .packetNotVerified
            ? "the packet does not verify, so it cannot be approved"
            : "refused by the approval desk (\(rule.rawValue))"
        return BoardError(.unprocessableContent, failures.publicText(message, orElse: fallback))
    }
}
