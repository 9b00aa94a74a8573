/// What a change installs: the files to upload (each with its digest) and the command that installs
/// them, with the harness's deadline for that command.
public struct PatchSpec: Sendable, Hashable, Codable {
    /// An install slower than this under TCG is a hung install; a change file may say otherwise.
    public static let defaultTimeout = Duration.seconds(600)
    /// Where uploads go when `destination:` is not given; the change id and file name follow.
    public static let defaultUploadFolder = "/var/tmp/patchlab"

    /// Free text for the change board, kept as written.
    public var description: String
    /// In file order; may be empty for a patch that is only a command.
    public var files: [PatchFile]
    /// The absolute path of the `sha256_file`, if the change names one (its digests are already in
    /// ``files``; kept so the evidence can include the file).
    public var sha256File: Located<String>?
    /// Runs once per machine after the uploads; a non-zero exit means the patch failed there.
    public var install: Command
    public var timeout: Duration
    /// Where `patch:` starts.
    public var location: SourceLocation

    public init(description: String, files: [PatchFile] = [], sha256File: Located<String>? = nil, install: Command,
                timeout: Duration = PatchSpec.defaultTimeout, location: SourceLocation = .wholeFile("<code>")) {
        self.description = description
        self.files = files
        self.sha256File = sha256File
        self.install = install
        self.timeout = timeout
        self.location = location
    }
}
