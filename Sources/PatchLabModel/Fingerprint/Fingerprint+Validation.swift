extension Fingerprint {
    /// What in this fingerprint the probe could not have printed, for one read from a file someone
    /// else wrote (a production record): names and states that are not single printable words,
    /// invalid versions, ports that are not `tcp/N` or `udp/N`, paths that are not absolute or hold
    /// control characters, digests that are not sha256. At most `limit` problems, in a fixed order.
    public func problems(limit: Int = 20) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ problem: @autoclosure () -> String) {
            if !ok && problems.count < limit { problems.append(problem()) }
        }
        for name in packages.keys.sorted() {
            let version = packages[name]!
            check(Self.isWord(name), "package name '\(Self.shown(name))' is not one printable word")
            check(DebianVersion(version) != nil, "package \(Self.shown(name)) has version '\(Self.shown(version))', not a Debian version")
        }
        for name in packageStates.keys.sorted() {
            check(packages[name] != nil, "package state for '\(Self.shown(name))', which is not installed")
            check(Self.isWord(packageStates[name]!), "package \(Self.shown(name)) has a state that is not one word")
        }
        for name in packageOrigins.keys.sorted() {
            let origin = packageOrigins[name]!
            check(
                Self.isWord(name) && Self.isWord(origin.archive) && (origin.site.map(Self.isWord) ?? true),
                "origin of '\(Self.shown(name))' is not words")
        }
        for name in services.keys.sorted() {
            let status = services[name]!
            check(
                Self.isWord(name) && Self.isWord(status.active) && Self.isWord(status.enabled),
                "service '\(Self.shown(name))' has a name or state that is not one word")
        }
        for port in ports.sorted() {
            let parts = port.split(separator: "/")
            check(
                parts.count == 2 && PortProtocol(rawValue: String(parts[0])) != nil
                    && parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) && (Int(parts[1]).map { (0...65535).contains($0) } ?? false),
                "port '\(Self.shown(port))' is not tcp/N or udp/N")
        }
        for path in files.keys.sorted() {
            check(
                path.hasPrefix("/") && path.utf8.count <= Self.maximumLineLength
                    && !path.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" },
                "file '\(Self.shown(path))' is not an absolute path of printable characters")
            check(
                ChangeNameRules.isValidSHA256(files[path]!) && files[path]! == files[path]!.lowercased(),
                "file '\(Self.shown(path))' has a digest that is not a lower-case sha256")
        }
        for value in [system.osID, system.osVersion, system.osCodename, system.kernel, system.architecture].compactMap({ $0 }) {
            check(Self.isWord(value), "system fact '\(Self.shown(value))' is not one printable word")
        }
        return problems
    }

    /// One printable ASCII word of at most 256 bytes: how the probe's facts and a capture's are shaped.
    static func isWord(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 256 && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A value for a message: at most 80 characters, control characters as `?`.
    public static func shown(_ text: String) -> String {
        let cut = text.count > 80 ? String(text.prefix(77)) + "..." : text
        return String(String.UnicodeScalarView(cut.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
}
