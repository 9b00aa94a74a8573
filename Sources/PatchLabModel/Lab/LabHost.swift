/// A libvirt host a lab's machines may run on, named in the lab file and reached by its connection URI
/// (`qemu:///system`, `qemu+ssh://host/system`, …).
public struct LabHost: Sendable, Hashable, Codable {
    /// The name machines use in `host:`.
    public var name: String
    /// The libvirt connection URI.
    public var uri: String
    /// Where the host's entry is written (its name), for errors found when connecting.
    public var location: SourceLocation

    public init(name: String, uri: String, location: SourceLocation) {
        self.name = name
        self.uri = uri
        self.location = location
    }

    /// The host a lab gets when its file names none: the local system hypervisor.
    public static func defaultLocal(file: String) -> LabHost {
        LabHost(name: "local", uri: "qemu:///system", location: .start(of: file))
    }

    /// A URI needs a scheme and `://`, and no spaces; anything else libvirt refuses later with a
    /// vaguer message.
    static func isValidURI(_ text: String) -> Bool {
        guard let separator = text.range(of: "://") else { return false }
        let scheme = text[..<separator.lowerBound]
        return !scheme.isEmpty
            && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && !text.contains { $0.isWhitespace }
    }
}
