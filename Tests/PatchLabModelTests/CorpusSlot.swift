/// A value of a valid file that the corpus replaces with hostile variants, and the rule that says,
/// independently of the loader's code, which variants are valid there.
struct CorpusSlot: Sendable {
    var kind: LoaderKind
    var name: String
    /// The valid value as YAML text (quoted where the template needs it).
    var valid: String
    /// The valid value as the string the loader reads.
    var text: String
    var rule: ValueRule
    /// A list of the valid value is valid too (`on:`, commands, `include:`).
    var listOK = false
    /// `~` is valid: the key then counts as absent.
    var nullOK = false
    /// The slot whose line a refused text is reported on, when not this one's.
    var reportedAt: (@Sendable (String) -> String)?

    init(
        _ kind: LoaderKind, _ name: String, _ valid: String, text: String? = nil, _ rule: ValueRule,
        listOK: Bool = false, nullOK: Bool = false, reportedAt: (@Sendable (String) -> String)? = nil
    ) {
        self.kind = kind
        self.name = name
        self.valid = valid
        self.text = text ?? valid
        self.rule = rule
        self.listOK = listOK
        self.nullOK = nullOK
        self.reportedAt = reportedAt
    }

    /// A bcrypt hash of the right shape (its value does not matter to the loader).
    static let secret = "$2b$12$" + String("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./".prefix(53))

    /// Every slot of the four valid texts in ``LoaderWorkspace``.
    static let all: [CorpusSlot] = [
        // Lab
        .init(.lab, "labName", "demo", .name),
        .init(.lab, "labDescription", "Demo lab for the corpus", .freeText),
        .init(.lab, "accelerator", "auto", .oneOf(["auto", "kvm", "tcg"])),
        .init(.lab, "hostURI", "qemu:///system", .uri),
        .init(.lab, "networkAddress", "10.213.10.1/24", .exactly("10.213.10.1/24")),
        .init(.lab, "machineName", "web-01", .name),
        .init(.lab, "role", "web", .role),
        .init(.lab, "mirrors", "prod-web-01.example.com", .hostname),
        .init(.lab, "image", "debian-12", .image),
        .init(.lab, "memory", "512 MiB", .exactly("512 MiB")),
        .init(.lab, "vcpus", "1", .integer(1...8)),
        .init(.lab, "criticality", "pilot", .oneOf(["pilot", "low", "medium", "high", "critical"])),
        .init(.lab, "hostRef", "local", .oneOf(["local", "remote"])),
        // A golden image name is a fine image, but not for a machine that boots a kernel: the
        // problem is then reported at `kernel:`.
        .init(
            .lab, "imagePath", "images/db.qcow2", .kernelImagePath,
            reportedAt: { ValueRule.image.accepts($0) ? "kernel" : "imagePath" }),
        .init(.lab, "kernel", "/boot/vmlinuz", .path),
        .init(.lab, "cmdline", "root=/dev/vda console=ttyS0", .singleLine),
        // Plan
        .init(.plan, "planID", "WEB", .planID),
        .init(.plan, "planTitle", "Web tier acceptance", .singleLine),
        .init(.plan, "version", "\"1.0\"", text: "1.0", .singleLine),
        .init(.plan, "owner", "web-team@example.com", .singleLine),
        .init(.plan, "planDescription", "Checks the web tier", .freeText),
        .init(.plan, "applicationName", "nginx", .singleLine),
        .init(.plan, "planTag", "smoke", .tag),
        .init(.plan, "include", "common.yaml", .exactly("common.yaml"), listOK: true, nullOK: true),
        .init(.plan, "defaultTimeout", "30s", .exactly("30s")),
        .init(.plan, "service", "nginx", .anyText),
        .init(.plan, "caseID", "WEB-002", .planID),
        .init(.plan, "caseTitle", "The home page loads", .singleLine),
        .init(.plan, "functionality", "Serving HTTP", .freeText),
        .init(.plan, "on", "web-01", .selector, listOK: true, nullOK: true),
        .init(.plan, "severity", "critical", .oneOf(["critical", "major", "minor", "info"]), nullOK: true),
        .init(.plan, "retries", "1", .integer(0...10), nullOK: true),
        .init(.plan, "uploadSource", "files/index.html", .exactly("files/index.html")),
        .init(.plan, "destination", "/var/www/html/index.html", .guestPath),
        .init(.plan, "setupCommand", "\"systemctl restart nginx\"", text: "systemctl restart nginx", .command, listOK: true),
        .init(.plan, "check", "[curl, -sS, \"http://127.0.0.1/\"]", text: "curl -sS http://127.0.0.1/", .command),
        .init(.plan, "regex", "\"^<html>\"", text: "^<html>", .regex),
        .init(.plan, "jsonPath", "$.status", .jsonPath),
        .init(.plan, "url", "\"http://127.0.0.1/\"", text: "http://127.0.0.1/", .url),
        .init(.plan, "justification", "Known issue INC-42", .nonEmptyText),
        .init(.plan, "expires", "2099-12-31", .exactly("2099-12-31")),
        .init(.plan, "approvedBy", "alice", .singleLine),
        // Change
        .init(.change, "changeID", "CHG-0001", .changeID),
        .init(.change, "changeTitle", "nginx security update", .singleLine),
        .init(.change, "changeType", "normal", .oneOf(["normal", "standard", "emergency"])),
        .init(.change, "reason", "Fixes a security issue in nginx", .freeText),
        .init(.change, "risk", "low", .oneOf(["low", "medium", "high"])),
        .init(.change, "requestedBy", "alice", .singleLine),
        .init(.change, "labFile", "../labs/demo.yaml", .exactly("../labs/demo.yaml")),
        .init(.change, "planFile", "../testplans/common.yaml", .exactly("../testplans/common.yaml")),
        .init(.change, "acceptedCase", "COMMON-001", .planID),
        .init(.change, "patchSource", "files/a.deb", .exactly("files/a.deb")),
        .init(.change, "sha256", String(repeating: "a", count: 64), .digest),
        .init(.change, "patchDestination", "/var/tmp/a.deb", .guestPath),
        .init(.change, "install", "\"dpkg -i /var/tmp/a.deb\"", text: "dpkg -i /var/tmp/a.deb", .command, listOK: true),
        .init(.change, "patchTimeout", "10m", .exactly("10m")),
        .init(.change, "order", "phased", .oneOf(["phased", "all-at-once"])),
        .init(.change, "deployMachine", "web-01", .selector),
        .init(.change, "watch", "/etc", .guestPath),
        // Members
        .init(.members, "boardName", "Change Advisory Board", .singleLine),
        .init(.members, "memberID", "alice", .memberID),
        .init(.members, "memberName", "Alice Example", .singleLine),
        .init(.members, "boardRole", "approver", .oneOf(["approver", "emergency-authority", "observer"])),
        .init(.members, "publicKey", "keys/alice.pub", .exactly("keys/alice.pub")),
        .init(.members, "secret", "\"\(secret)\"", text: secret, .secret),
        .init(.members, "quorum", "1", .integer(1...20)),
        .init(.members, "templateID", "STD-0001", .singleLine),
        .init(.members, "templateDigest", String(repeating: "b", count: 64), .digest),
    ]
}

/// Which strings a slot takes, stated from the file formats' documentation rather than from the
/// loaders' code, so the corpus checks the code instead of repeating it.
enum ValueRule: Sendable {
    /// `[a-z][a-z0-9-]{0,23}`: lab, machine, host, network names.
    case name
    /// `[a-z][a-z0-9-]*`.
    case role
    /// `[A-Z][A-Z0-9-]{0,39}`: plan and case ids.
    case planID
    /// `[A-Z][A-Z0-9]*-[0-9]+`.
    case changeID
    /// `[a-z][a-z0-9._-]*`.
    case memberID
    /// `[a-z0-9][a-z0-9._-]*`.
    case tag
    /// Any text on one line (empty included).
    case singleLine
    /// Any text, line breaks included.
    case freeText
    /// Any text but blanks.
    case nonEmptyText
    /// Any scalar at all (a template placeholder's value).
    case anyText
    /// A golden image name (`[A-Za-z0-9][A-Za-z0-9._-]*`) or a qcow2 path (with `/` or ending `.qcow2`).
    case image
    /// A qcow2 path only (the machine also boots a kernel, which needs one).
    case kernelImagePath
    /// A host path: one line, not blank.
    case path
    /// An absolute guest path without control characters (tabs included).
    case guestPath
    /// `scheme://…` without whitespace.
    case uri
    /// A host name: no whitespace.
    case hostname
    /// A regular expression of at most 4096 characters (every corpus string is valid syntax).
    case regex
    /// `http://` or `https://`, more than that, no whitespace.
    case url
    /// A shell command: not blank (line breaks are fine).
    case command
    /// A machine name or `role:ROLE`.
    case selector
    case integer(ClosedRange<Int>)
    case oneOf([String])
    /// 64 hexadecimal digits.
    case digest
    /// A bcrypt hash: `$2a$`/`$2b$`/`$2y$`, two digits, `$`, 53 characters of `./A-Za-z0-9`.
    case secret
    /// `$.` and a name, on one line.
    case jsonPath
    /// Only this text (references to files, addresses, durations: no corpus string is another valid one).
    case exactly(String)

    func accepts(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func all(_ from: Int, _ allowed: (Unicode.Scalar) -> Bool) -> Bool { scalars[from...].allSatisfy(allowed) }
        let lower = { (c: Unicode.Scalar) in ("a"..."z").contains(c) }
        let upper = { (c: Unicode.Scalar) in ("A"..."Z").contains(c) }
        let digit = { (c: Unicode.Scalar) in ("0"..."9").contains(c) }
        let blank = text.allSatisfy { $0 == " " || $0 == "\t" }
        switch self {
        case .name:
            return scalars.count <= 24 && ValueRule.role.accepts(text)
        case .role:
            return !scalars.isEmpty && lower(scalars[0]) && all(1) { lower($0) || digit($0) || $0 == "-" }
        case .planID:
            return !scalars.isEmpty && scalars.count <= 40 && upper(scalars[0]) && all(1) { upper($0) || digit($0) || $0 == "-" }
        case .changeID:
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            return parts.count == 2 && ValueRule.planID.accepts(String(parts[0])) && !parts[0].contains("-")
                && !parts[1].isEmpty && parts[1].unicodeScalars.allSatisfy(digit)
        case .memberID:
            return !scalars.isEmpty && lower(scalars[0]) && all(1) { lower($0) || digit($0) || "._-".unicodeScalars.contains($0) }
        case .tag:
            return !scalars.isEmpty && (lower(scalars[0]) || digit(scalars[0]))
                && all(1) { lower($0) || digit($0) || "._-".unicodeScalars.contains($0) }
        case .singleLine:
            return !text.contains("\n")
        case .freeText, .anyText:
            return true
        case .nonEmptyText:
            return !blank
        case .image:
            if text.contains("/") || text.hasSuffix(".qcow2") { return ValueRule.path.accepts(text) }
            return !scalars.isEmpty && (lower(scalars[0]) || upper(scalars[0]) || digit(scalars[0]))
                && all(1) { lower($0) || upper($0) || digit($0) || "._-".unicodeScalars.contains($0) }
        case .kernelImagePath:
            return (text.contains("/") || text.hasSuffix(".qcow2")) && ValueRule.path.accepts(text)
        case .path:
            return !text.contains("\n") && !blank
        case .guestPath:
            return text.hasPrefix("/") && !text.unicodeScalars.contains { $0.value < 0x20 }
        case .uri:
            guard let separator = text.range(of: "://") else { return false }
            let scheme = text[..<separator.lowerBound].unicodeScalars
            return !scheme.isEmpty && (lower(scheme.first!) || upper(scheme.first!))
                && scheme.allSatisfy { lower($0) || upper($0) || digit($0) || "+-.".unicodeScalars.contains($0) }
                && !text.contains { $0.isWhitespace }
        case .hostname:
            return !text.contains { $0.isWhitespace }
        case .regex:
            return scalars.count <= 4096
        case .url:
            return (text.hasPrefix("http://") || text.hasPrefix("https://")) && text.count > 7
                && !text.contains { $0.isWhitespace }
        case .command:
            return !blank
        case .selector:
            let trimmed = text.trimmingCharacters(in: [" ", "\t"])
            if trimmed.hasPrefix("role:") {
                return ValueRule.role.accepts(String(trimmed.dropFirst(5)).trimmingCharacters(in: [" ", "\t"]))
            }
            return ValueRule.name.accepts(trimmed)
        case let .integer(range):
            return Int(text.trimmingCharacters(in: [" ", "\t"])).map(range.contains) ?? false
        case let .oneOf(values):
            return values.contains(text)
        case .digest:
            return scalars.count == 64 && scalars.allSatisfy { digit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
        case .secret:
            guard scalars.count == 60, text.hasPrefix("$2"), "aby".unicodeScalars.contains(scalars[2]), scalars[3] == "$",
                digit(scalars[4]), digit(scalars[5]), scalars[6] == "$"
            else { return false }
            return all(7) { lower($0) || upper($0) || digit($0) || $0 == "." || $0 == "/" }
        case .jsonPath:
            return text.hasPrefix("$.") && text.count > 2 && !text.contains("\n")
        case let .exactly(valid):
            return text == valid
        }
    }
}
