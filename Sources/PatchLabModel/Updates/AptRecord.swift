/// One package stanza of the archive's index as `apt-cache show NAME=VERSION` prints it: where the
/// `.deb` is and the digest the signed index gives for it.
public struct AptRecord: Sendable, Hashable, Codable {
    public var package: String
    public var version: String
    /// The source package; the package's own name when the index gives none.
    public var source: String
    public var architecture: String
    /// `pool/main/n/nginx/nginx-light_1.22.1-9+deb12u11_all.deb`.
    public var filename: String
    public var size: Int64
    public var sha256: String

    public init(package: String, version: String, source: String, architecture: String, filename: String, size: Int64, sha256: String) {
        self.package = package
        self.version = version
        self.source = source
        self.architecture = architecture
        self.filename = filename
        self.size = size
        self.sha256 = sha256
    }

    /// The `.deb`'s file name as the archive names it.
    public var fileName: String { filename.split(separator: "/").last.map(String.init) ?? filename }

    /// The stanzas of the text (blank-line separated); a stanza without a name, version, file name,
    /// size or a 64-digit SHA256 is left out.
    public static func parse(_ text: String) -> [AptRecord] {
        text.components(separatedBy: "\n\n").compactMap { stanza in
            var fields: [String: String] = [:]
            for line in stanza.split(separator: "\n") where line.first != " " {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingSpaces()
            }
            guard let package = fields["package"], let version = fields["version"], let filename = fields["filename"],
                let size = fields["size"].flatMap({ Int64($0) }), let sha256 = fields["sha256"]?.lowercased(),
                sha256.count == 64, sha256.allSatisfy(\.isHexDigit)
            else { return nil }
            let source = fields["source"].flatMap { $0.split(separator: " ").first.map(String.init) } ?? package
            return AptRecord(
                package: package, version: version, source: source, architecture: fields["architecture"] ?? "",
                filename: filename, size: size, sha256: sha256)
        }
    }
}
