import Foundation

extension ProductionRecord {
    /// Sorted keys, unescaped slashes, times as ``JSONDates`` writes them.
    public static let encoder: JSONEncoder = {
        let encoder = JSONDates.encoder()
        encoder.outputFormatting.insert(.withoutEscapingSlashes)
        return encoder
    }()

    static let decoder = JSONDates.decoder()

    public func encoded() throws -> Data { try Self.encoder.encode(self) }

    /// Reads and checks a record file's bytes.
    ///
    /// - Parameters:
    ///   - file: the file's path, for messages.
    ///   - expectedName: the name its file name gives (`NAME.json`); the record must carry it, so a
    ///     record copied under another host's name is not taken for that host.
    /// - Throws: ``ProductionRecordError`` naming every problem.
    public static func decode(_ data: Data, file: String, expectedName: String? = nil) throws -> ProductionRecord {
        guard data.count <= maximumFileSize else {
            throw ProductionRecordError(file: file, problem: "expected at most \(maximumFileSize >> 20) MiB, found \(data.count) bytes")
        }
        let record: ProductionRecord
        do {
            record = try decoder.decode(ProductionRecord.self, from: data)
        } catch let error as DecodingError {
            throw ProductionRecordError(file: file, problem: "not a production record: " + describe(error))
        } catch {
            throw ProductionRecordError(file: file, problem: "not a production record: \(error)")
        }
        var problems: [String] = []
        if record.format != currentFormat {
            problems.append("format '\(Fingerprint.shown(record.format))' is not '\(currentFormat)'")
        }
        if !ProductionName.isValid(record.name) {
            problems.append("name '\(Fingerprint.shown(record.name))' is not \(ProductionName.shape)")
        } else if let expectedName, record.name != expectedName {
            problems.append("the record is of '\(record.name)', but its file name says '\(expectedName)'")
        }
        if !ChangeNameRules.isValidSHA256(record.probeSHA256) { problems.append("probeSHA256 is not a sha256") }
        if let key = record.hostKey, !isHostKey(key) {
            problems.append("host key '\(Fingerprint.shown(key))' is not 'TYPE SHA256:BASE64'")
        }
        for path in record.spec.watch + record.spec.ignore where !path.hasPrefix("/") {
            problems.append("spec path '\(Fingerprint.shown(path))' is not absolute")
        }
        problems += record.fingerprint.problems().map { "fingerprint: \($0)" }
        for copied in record.copiedFiles {
            if !copied.path.hasPrefix("/") || copied.path.split(separator: "/").contains("..") {
                problems.append("copied file '\(Fingerprint.shown(copied.path))' is not an absolute path without '..'")
            }
            if copied.content.count > CopiedFile.maximumSize {
                problems.append("copied file \(Fingerprint.shown(copied.path)) is over \(CopiedFile.maximumSize >> 20) MiB")
            }
            if !ChangeNameRules.isValidSHA256(copied.sha256) {
                problems.append("copied file \(Fingerprint.shown(copied.path)) has no sha256")
            }
        }
        if !problems.isEmpty { throw ProductionRecordError(file: file, problems: problems) }
        return record
    }

    /// `ssh-ed25519 SHA256:base64` as `ssh -v` prints a server's key.
    public static func isHostKey(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0].utf8.count <= 64,
            parts[0].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-@.".contains($0)) }),
            parts[1].hasPrefix("SHA256:")
        else { return false }
        let digest = parts[1].dropFirst(7)
        return (40...44).contains(digest.count) && digest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }
    }

    /// `at fingerprint.packages: expected a dictionary` rather than Foundation's long form.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "at the top" : "at \(Fingerprint.shown(keys))"
        }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context)): missing '\(key.stringValue)'"
        case let .typeMismatch(type, context): return "\(path(context)): expected \(type)"
        case let .valueNotFound(type, context): return "\(path(context)): expected \(type), found null"
        case let .dataCorrupted(context): return "\(path(context)): \(Fingerprint.shown(context.debugDescription))"
        @unknown default: return "\(error)"
        }
    }
}
