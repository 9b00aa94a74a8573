import Foundation

/// A production file copied on purpose (`production capture --copy PATH`): config files are never
/// taken implicitly, since they can hold secrets. A matched image installs only these.
public struct CopiedFile: Sendable, Hashable, Codable {
    /// At most 1 MiB: config files, not data.
    public static let maximumSize = 1 << 20

    public var path: String
    public var sha256: String
    /// The file's bytes.
    public var content: Data

    public init(path: String, sha256: String, content: Data) {
        self.path = path
        self.sha256 = sha256
        self.content = content
    }
}
