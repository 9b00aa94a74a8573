/// The disk a machine boots from: a golden image built by PatchLab (by name), or a qcow2 file the user
/// supplies (by path). Whether either exists is checked by the engine, not here.
public enum ImageReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A golden image name, e.g. `debian-12`.
    case named(String)
    /// A path to a qcow2 file; a relative path is relative to the lab file's folder.
    case path(String)

    /// Text containing `/` or ending in `.qcow2` is a path; anything else names a golden image.
    public init(_ text: String) {
        self = text.contains("/") || text.hasSuffix(".qcow2") ? .path(text) : .named(text)
    }

    /// As written in the lab file.
    public var description: String {
        switch self {
        case let .named(name): return name
        case let .path(path): return path
        }
    }

    public var isPath: Bool {
        if case .path = self { return true }
        return false
    }
}
