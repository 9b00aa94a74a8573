import Foundation

extension Fingerprint {
    /// The longest line the probe can print: a path is at most 4096 bytes (PATH_MAX), twice that
    /// escaped, plus the digest. Anything longer did not come from the probe.
    public static let maximumLineLength = 16384

    /// Reads the output of ``FingerprintSpec/probeScript`` (see there for the line format). Blank
    /// lines are ignored; the same fact twice is read once.
    ///
    /// The output may come from a host that is not trusted (a production capture): every line is
    /// checked for its shape, its length and its words, and nothing else is accepted.
    ///
    /// - Throws: ``FingerprintParseError`` naming the first malformed line, or a fact given twice
    ///   with different values (the probe cannot print that, so its output was not the probe's).
    public static func parse(
        probeOutput: String, machine: String, phase: RehearsalPhase? = nil,
        takenAt: Date = Date()
    ) throws -> Fingerprint {
        var fingerprint = Fingerprint(machine: machine, phase: phase, takenAt: takenAt)
        // Lines are found by their bytes: a capture of a large host is thousands of lines, and
        // splitting by Character would break every grapheme of it first.
        for (index, bytes) in probeOutput.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = Substring(bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes)
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            func fail(_ problem: String) -> FingerprintParseError {
                FingerprintParseError(machine: machine, lineNumber: index + 1, line: String(line.prefix(200)), problem: problem)
            }
            if line.utf8.count > maximumLineLength {
                throw fail("expected a line of at most \(maximumLineLength) bytes, found one of \(line.utf8.count)")
            }
            // A terminal would obey an escape sequence in a name; the probe escapes newlines itself.
            if line.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                throw fail("expected printable text, found a control character")
            }
            guard let space = line.firstIndex(of: " ") else {
                throw fail("expected a fact (\(factNames)) followed by its values")
            }
            let rest = line[line.index(after: space)...]
            switch line[..<space] {
            case "incomplete:":
                throw fail("the probe could not gather every fact (\(rest)); a partial fingerprint would prove nothing")
            case "package":
                let fields = rest.split(separator: " ").map(String.init)
                guard (2...3).contains(fields.count), fields.allSatisfy(isWord), DebianVersion(fields[1]) != nil else {
                    throw fail("expected 'package NAME VERSION [STATE]' with a Debian version")
                }
                try record(fields[1], for: fields[0], in: &fingerprint.packages, fail)
                if fields.count == 3 {
                    try record(fields[2], for: fields[0], in: &fingerprint.packageStates, fail)
                }
            case "service":
                let fields = rest.split(separator: " ").map(String.init)
                guard fields.count == 3, fields.allSatisfy(isWord) else { throw fail("expected 'service NAME ACTIVE-STATE ENABLEMENT'") }
                try record(
                    ServiceStatus(active: fields[1], enabled: fields[2]), for: fields[0],
                    in: &fingerprint.services, fail)
            case "port":
                let fields = rest.split(separator: " ")
                guard fields.count == 2, let proto = PortProtocol(rawValue: String(fields[0])),
                    fields[1].allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(fields[1]),
                    (0...65535).contains(number)
                else {
                    throw fail("expected 'port tcp|udp NUMBER' with a number from 0 to 65535")
                }
                fingerprint.ports.insert("\(proto.rawValue)/\(number)")
            case "file":
                // The digest is the last word; the path before it may hold spaces. Only a name that
                // sha256sum escaped holds a backslash.
                let bytes = rest.utf8
                guard bytes.count > 65, bytes[bytes.index(bytes.endIndex, offsetBy: -65)] == UInt8(ascii: " ") else {
                    throw fail("expected 'file /ABSOLUTE/PATH SHA256'")
                }
                let digest = String(Substring(bytes.suffix(64)))
                let path = String(Substring(bytes.dropLast(65)))
                guard ChangeNameRules.isValidSHA256(digest),
                    let unescaped = path.utf8.contains(UInt8(ascii: "\\")) ? SHA256Sums.unescape(path) : path,
                    unescaped.hasPrefix("/")
                else {
                    throw fail("expected 'file /ABSOLUTE/PATH SHA256'")
                }
                try record(digest.lowercased(), for: unescaped, in: &fingerprint.files, fail)
            case "os":
                let fields = rest.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 3, fields.allSatisfy(isWord) else {
                    throw fail("expected 'os ID VERSION_ID CODENAME', each a word or '-'")
                }
                let (id, version, codename) = (unset(fields[0]), unset(fields[1]), unset(fields[2]))
                try recordSystem(&fingerprint.system.osID, id, "os", fail)
                try recordSystem(&fingerprint.system.osVersion, version, "os", fail)
                try recordSystem(&fingerprint.system.osCodename, codename, "os", fail)
            case "kernel":
                guard isWord(String(rest)) else { throw fail("expected 'kernel RELEASE' with one word") }
                try recordSystem(&fingerprint.system.kernel, String(rest), "kernel", fail)
            case "arch":
                guard isWord(String(rest)) else { throw fail("expected 'arch MACHINE' with one word") }
                try recordSystem(&fingerprint.system.architecture, String(rest), "arch", fail)
            case "origin":
                let fields = rest.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                guard (2...3).contains(fields.count), fields.allSatisfy(isWord), fields[1] != "-" || fields.count == 2 else {
                    throw fail("expected 'origin NAME ARCHIVE SITE' or 'origin NAME -'")
                }
                try record(
                    PackageOrigin(archive: fields[1], site: fields.count == 3 ? fields[2] : nil), for: fields[0],
                    in: &fingerprint.packageOrigins, fail)
            default:
                throw fail("expected a fact (\(factNames)) followed by its values")
            }
        }
        return fingerprint
    }

    private static let factNames = "arch, file, kernel, origin, os, package, port or service"

    /// One word of printable ASCII: what uname, os-release (as the probe cleans it) and apt print.
    private static func unset(_ word: String) -> String? { word == "-" ? nil : word }

    private static func recordSystem(
        _ slot: inout String?, _ value: String?, _ fact: String,
        _ fail: (String) -> FingerprintParseError
    ) throws {
        guard let value else { return }
        if let earlier = slot, earlier != value {
            throw fail("expected each fact once, found '\(fact)' again with a different value")
        }
        slot = value
    }

    private static func record<Value: Equatable>(
        _ value: Value, for key: String, in table: inout [String: Value],
        _ fail: (String) -> FingerprintParseError
    ) throws {
        if let earlier = table[key], earlier != value {
            throw fail("expected each fact once, found '\(key)' again with a different value")
        }
        table[key] = value
    }
}
