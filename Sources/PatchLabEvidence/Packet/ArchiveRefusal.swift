/// Why a packet's `.tar.gz` was refused while it was being read. Nothing of it was trusted, and
/// nothing was left on disk: the private scratch folder it was being unpacked into is removed.
public struct ArchiveRefusal: Error, CustomStringConvertible, Equatable {
    public enum Rule: String, Sendable {
        /// The path is not a regular file (a FIFO, a device, a folder) or cannot be opened.
        case notAFile = "not-a-file"
        /// gzip could not decompress it: not gzip, corrupt, cut short, or trailing garbage.
        case notGzip = "not-gzip"
        /// The tar stream ends inside a header or a file's content, or without its end-of-archive blocks.
        case truncated
        /// A header whose checksum, magic or numeric field is wrong, or a malformed long-name or pax header.
        case badHeader = "bad-header"
        /// Non-zero bytes after the end-of-archive blocks, or more padding there than a tar writer leaves.
        case trailingData = "trailing-data"
        case symbolicLink = "symbolic-link"
        case hardLink = "hard-link"
        /// A character or block device.
        case device
        case fifo
        /// Any other entry type (sparse files, volume labels, multi-volume parts, global pax headers, …).
        case unsupportedType = "unsupported-type"
        case absolutePath = "absolute-path"
        /// A name with a `..` component.
        case parentPath = "parent-path"
        /// An empty name, an empty or `.` component, a control character, or bytes that are not UTF-8.
        case badName = "bad-name"
        /// A component over 255 bytes or a path over 4,095.
        case nameTooLong = "name-too-long"
        /// The same name twice, or a name below one that is a file.
        case duplicateName = "duplicate-name"
        /// No top folder, or a second one.
        case notOneTopFolder = "not-one-top-folder"
        /// A file at the top level, beside (or instead of) the packet folder.
        case fileBesideTopFolder = "file-beside-top-folder"
        /// More unpacked content than the cap allows (``PacketArchive/Limits/maxUnpackedBytes``).
        case tooLarge = "too-large"
        case tooManyEntries = "too-many-entries"
    }

    public var rule: Rule
    public var archive: String
    /// The entry the rule was broken by, as named in the archive; nil when it is about the whole archive.
    public var entry: String?
    public var message: String

    public init(_ rule: Rule, archive: String, entry: String? = nil, _ message: String) {
        self.rule = rule
        self.archive = archive
        self.entry = entry
        self.message = message
    }

    public var description: String {
        "\(archive): refused (\(rule.rawValue)): " + (entry.map { "entry \(Self.quoted($0)): " } ?? "") + message
    }

    /// Names come from the archive: control characters are shown escaped, never sent to a terminal.
    static func quoted(_ name: String) -> String {
        "'" + name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined() + "'"
    }
}
