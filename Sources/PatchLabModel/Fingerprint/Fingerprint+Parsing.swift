import Foundation

extension Fingerprint {
    /// Reads the output of ``FingerprintSpec/probeScript`` (see there for the line format). Blank
    /// lines are ignored; the same fact twice is read once.
    ///
    /// - Throws: ``FingerprintParseError`` naming the first malformed line, or a fact given twice
    ///   with different values (the probe cannot print that, so its output was not the probe's).
    public static func parse(probeOutput: String, machine: String, phase: RehearsalPhase? = nil,
                             takenAt: Date = Date()) throws -> Fingerprint {
        var fingerprint = Fingerprint(machine: machine, phase: phase, takenAt: takenAt)
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        for (index, line) in probeOutput.split(omittingEmptySubsequences: false,
                                               whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            if line.trimmingSpaces().isEmpty { continue }
            func fail(_ problem: String) -> FingerprintParseError {
                FingerprintParseError(machine: machine, lineNumber: index + 1, line: String(line), problem: problem)
            }
            guard let space = line.firstIndex(of: " ") else {
                throw fail("expected a fact (file, package, port or service) followed by its values")
            }
            let rest = line[line.index(after: space)...]
            switch line[..<space] {
            case "incomplete:":
                throw fail("the probe could not gather every fact (\(rest)); a partial fingerprint would prove nothing")
            case "package":
                let fields = rest.split(separator: " ").map(String.init)
                guard (2...3).contains(fields.count), DebianVersion(fields[1]) != nil else {
                    throw fail("expected 'package NAME VERSION [STATE]' with a Debian version")
                }
                try record(fields[1], for: fields[0], in: &fingerprint.packages, fail)
                if fields.count == 3 {
                    try record(fields[2], for: fields[0], in: &fingerprint.packageStates, fail)
                }
            case "service":
                let fields = rest.split(separator: " ").map(String.init)
                guard fields.count == 3 else { throw fail("expected 'service NAME ACTIVE-STATE ENABLEMENT'") }
                try record(ServiceStatus(active: fields[1], enabled: fields[2]), for: fields[0],
                           in: &fingerprint.services, fail)
            case "port":
                let fields = rest.split(separator: " ")
                guard fields.count == 2, let proto = PortProtocol(rawValue: String(fields[0])),
                      fields[1].allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(fields[1]),
                      (0...65535).contains(number) else {
                    throw fail("expected 'port tcp|udp NUMBER' with a number from 0 to 65535")
                }
                fingerprint.ports.insert("\(proto.rawValue)/\(number)")
            case "file":
                // The digest is the last word; the path before it may hold spaces.
                let digest = String(rest.suffix(64))
                let path = rest.dropLast(65)
                guard rest.count > 65, rest.dropLast(64).hasSuffix(" "), ChangeNameRules.isValidSHA256(digest),
                      let unescaped = SHA256Sums.unescape(String(path)), unescaped.hasPrefix("/") else {
                    throw fail("expected 'file /ABSOLUTE/PATH SHA256'")
                }
                try record(digest.lowercased(), for: unescaped, in: &fingerprint.files, fail)
            default:
                throw fail("expected a fact (file, package, port or service) followed by its values")
            }
        }
        return fingerprint
    }

    private static func record<Value: Equatable>(_ value: Value, for key: String, in table: inout [String: Value],
                                                 _ fail: (String) -> FingerprintParseError) throws {
        if let earlier = table[key], earlier != value {
            throw fail("expected each fact once, found '\(key)' again with a different value")
        }
        table[key] = value
    }
}
