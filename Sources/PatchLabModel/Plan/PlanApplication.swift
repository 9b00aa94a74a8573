/// An application under test, as a plan lists it for the change board (`applications:`).
public struct PlanApplication: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
