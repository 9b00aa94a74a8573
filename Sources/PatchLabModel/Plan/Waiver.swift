import Foundation

/// The change board's dated acceptance of a known failure: a failing case with an active waiver is
/// reported `waived` rather than `failed`, and does not count against the verdict.
///
/// A waiver needs a justification and an expiry date, so no failure is accepted forever by accident.
public struct Waiver: Sendable, Hashable, Codable {
    /// Why the failure is acceptable (often a ticket: "Known issue INC-42").
    public var justification: String
    /// The last day the waiver applies (through the end of that day, UTC).
    public var expires: CalendarDate
    /// Who accepted it, when the plan says.
    public var approvedBy: String?
    /// Where `waiver:` is written.
    public var location: SourceLocation

    public init(
        justification: String, expires: CalendarDate, approvedBy: String? = nil,
        location: SourceLocation = .wholeFile("<code>")
    ) {
        self.justification = justification
        self.expires = expires
        self.approvedBy = approvedBy
        self.location = location
    }

    /// True while the waiver still waives: up to the end of its expiry day (UTC). An expired waiver
    /// no longer waives; the case then fails like any other.
    public func isActive(on date: Date) -> Bool {
        date < expires.end
    }
}
