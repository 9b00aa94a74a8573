/// What a change installs: the files to upload (each with its digest) and the command that installs
/// them, with the harness's deadline for that command. A change holds one (`patch:`) or a batch of
/// them (`patches:`, each with its own ``id`` and ``priority``), applied in file order.
public struct PatchSpec: Sendable, Hashable {
    /// An install slower than this under TCG is a hung install; a change file may say otherwise.
    public static let defaultTimeout = Duration.seconds(600)
    /// Where uploads go when `destination:` is not given; the change id and file name follow.
    public static let defaultUploadFolder = "/var/tmp/patchlab"

    /// Names the patch within its change (`libssh2`, `nginx`): unique, and safe as a folder name
    /// (``isValidID(_:)``). A change's single `patch:` is named after the change.
    public var id: String
    public var priority: PatchPriority
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

    public init(
        id: String = "", description: String, files: [PatchFile] = [], sha256File: Located<String>? = nil,
        install: Command, timeout: Duration = PatchSpec.defaultTimeout, priority: PatchPriority = .medium,
        location: SourceLocation = .wholeFile("<code>")
    ) {
        self.id = id
        self.priority = priority
        self.description = description
        self.files = files
        self.sha256File = sha256File
        self.install = install
        self.timeout = timeout
        self.location = location
    }
}

extension PatchSpec {
    static let idShape = "letters, digits, '.', '+', '-' or '_', starting with a letter or digit, at most 64 characters, such as libssh2"

    /// A patch id: a Debian source package name fits (`libssh2`, `xz-utils`, `g++-12`), and it is used
    /// as a folder name in the guest and in the run's logs, so it never holds `/` or starts with `.`.
    public static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.utf8.count <= 64,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".+-_".unicodeScalars.contains($0)
        }
    }
}

/// `id` and `priority` are absent from results written before batches; they read back as the
/// defaults (an empty id, which ``Change`` names after itself, and `medium`). Encoding is Swift's own.
extension PatchSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case id, priority, description, files, sha256File, install, timeout, location
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        priority = try container.decodeIfPresent(PatchPriority.self, forKey: .priority) ?? .medium
        description = try container.decode(String.self, forKey: .description)
        files = try container.decode([PatchFile].self, forKey: .files)
        sha256File = try container.decodeIfPresent(Located<String>.self, forKey: .sha256File)
        install = try container.decode(Command.self, forKey: .install)
        timeout = try container.decode(Duration.self, forKey: .timeout)
        location = try container.decode(SourceLocation.self, forKey: .location)
    }
}
