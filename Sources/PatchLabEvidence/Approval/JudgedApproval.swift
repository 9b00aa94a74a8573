/// One record file of a packet's `approvals/`, as the judge found it: the decision it holds (nil
/// when it cannot be read as one) and every rule it breaks. Only a record that breaks none counts.
public struct JudgedApproval: Sendable, Hashable {
    /// The packet-relative path (`approvals/001-alice-approve.intoto.json`).
    public var path: String
    public var record: ApprovalRecord?
    public var breaches: [ApprovalBreach]

    public var counts: Bool { record != nil && breaches.isEmpty }

    /// A signed record by a member about this packet, whether or not it counts (a second vote is
    /// authentic but does not count): what the board may show as part of the packet.
    public var isAuthentic: Bool {
        record != nil && !breaches.contains { [.wellFormed, .member, .signature, .subject].contains($0.rule) }
    }

    /// `PATH: why it does not count`, for verify's problem list.
    public var problem: String? {
        breaches.isEmpty ? nil : "\(path): " + breaches.map(\.message).joined(separator: "; ")
    }
}
