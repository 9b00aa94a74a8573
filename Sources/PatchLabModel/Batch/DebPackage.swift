/// What a `.deb` says about itself in its control file, as `dpkg-deb -f FILE Package Version
/// Architecture Depends Pre-Depends Breaks` prints it: enough to tell which patches of a batch need
/// each other.
public struct DebPackage: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var architecture: String?
    /// `Pre-Depends` and `Depends` together: each clause is satisfied by any one of its alternatives.
    public var depends: [[PackageRelation]]
    public var breaks: [PackageRelation]

    public init(
        name: String, version: String, architecture: String? = nil, depends: [[PackageRelation]] = [],
        breaks: [PackageRelation] = []
    ) {
        self.name = name
        self.version = version
        self.architecture = architecture
        self.depends = depends
        self.breaks = breaks
    }

    /// The fields `dpkg-deb -f` asks for.
    public static let fields = ["Package", "Version", "Architecture", "Pre-Depends", "Depends", "Breaks"]

    /// Reads `Field: value` lines (a line starting with a space continues the one before); nil
    /// without a package name and a valid version.
    public static func parse(control text: String) -> DebPackage? {
        var fields: [String: String] = [:]
        var last: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.first == " " || line.first == "\t", let key = last {
                fields[key, default: ""] += " " + line.trimmingSpaces()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces().lowercased()
            fields[key] = line[line.index(after: colon)...].trimmingSpaces()
            last = key
        }
        guard let name = fields["package"], !name.isEmpty, let version = fields["version"], DebianVersion(version) != nil else {
            return nil
        }
        let depends = PackageRelation.parseField(fields["pre-depends"] ?? "") + PackageRelation.parseField(fields["depends"] ?? "")
        let breaks = PackageRelation.parseField(fields["breaks"] ?? "").flatMap { $0 }
        return DebPackage(name: name, version: version, architecture: fields["architecture"], depends: depends, breaks: breaks)
    }
}
