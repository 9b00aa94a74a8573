/// One file a patch uploads to every target machine before its install command runs.
///
/// The harness checks ``sha256`` against the host file before anything is touched, and again in the
/// guest after the upload, so what is installed is exactly what the board approved.
public struct PatchFile: Sendable, Hashable, Codable {
    /// Absolute host path (written relative to the change file).
    public var source: String
    /// 64 lowercase hex digits.
    public var sha256: String
    /// Absolute guest path of the uploaded file itself (never a folder).
    public var destination: String
    /// Where `source:` is written in the change file.
    public var location: SourceLocation
    /// Where the digest comes from: the `sha256:` value, or the line of the `sha256_file` that lists
    /// the source; a mismatch is reported there.
    public var digestLocation: SourceLocation

    public init(
        source: String, sha256: String, destination: String,
        location: SourceLocation = .wholeFile("<code>"), digestLocation: SourceLocation? = nil
    ) {
        self.source = source
        self.sha256 = sha256
        self.destination = destination
        self.location = location
        self.digestLocation = digestLocation ?? location
    }

    /// The source's file name, as it is uploaded by default.
    public var fileName: String { Self.fileName(of: source) }

    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
