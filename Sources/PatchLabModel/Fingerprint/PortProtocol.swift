/// The transport of a `port` matcher; TCP unless the plan says otherwise.
public enum PortProtocol: String, Sendable, Hashable, Codable, CaseIterable {
    case tcp
    case udp

    /// How messages name it: "TCP port 80".
    public var title: String { rawValue.uppercased() }
}
