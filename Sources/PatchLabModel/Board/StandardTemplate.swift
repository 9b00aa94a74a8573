/// A pre-approved change template: a standard change that matches its digest needs no board decision.
public struct StandardTemplate: Sendable, Hashable, Codable {
    public var id: String
    /// sha256 of the change file the board pre-approved.
    public var changeSHA256: String
    public var location: SourceLocation

    public init(id: String, changeSHA256: String, location: SourceLocation) {
        self.id = id
        self.changeSHA256 = changeSHA256
        self.location = location
    }
}
