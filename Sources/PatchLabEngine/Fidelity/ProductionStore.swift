import Foundation
import PatchLabModel

/// The folder of production captures: `NAME.json` per host, `$PATCHLAB_HOME/production/` unless a
/// command is given `--production DIR`. A lab machine finds its host's capture by its `mirrors:`
/// name (``ProductionName/candidates(forMirrors:)``).
public struct ProductionStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `--production DIR` when given, else `$PATCHLAB_HOME/production`.
    public init(directory: String?, environment: EngineEnvironment) {
        self.init(directory: directory ?? environment.home + "/production")
    }

    /// A record read from its file, with the digest of the bytes read.
    public struct Loaded: Sendable {
        public var record: ProductionRecord
        public var path: String
        public var sha256: String

        public var reference: ProductionReference { record.reference(recordSHA256: sha256) }
    }

    public func path(of name: String) -> String { "\(directory)/\(name).json" }

    /// The names of the captures in the folder, sorted; none when the folder does not exist.
    public func names() throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .filter(ProductionName.isValid)
            .sorted()
    }

    /// Reads and checks capture `name`.
    ///
    /// - Throws: ``ProductionStoreError/notFound`` naming the folder and what it holds, or
    ///   ``ProductionRecordError`` for a file that is not a sound record.
    public func load(_ name: String) throws -> Loaded {
        guard ProductionName.isValid(name) else { throw ProductionStoreError.invalidName(name) }
        let file = path(of: name)
        guard FileManager.default.fileExists(atPath: file) else {
            throw ProductionStoreError.notFound(name: name, directory: directory, known: (try? names()) ?? [])
        }
        let data = try Self.read(file)
        let record = try ProductionRecord.decode(data, file: file, expectedName: name)
        return Loaded(record: record, path: file, sha256: try FileDigest.sha256(of: data))
    }

    /// The capture of the host a machine mirrors, or nil when the folder has none by any of its names.
    public func record(forMirrors host: String) throws -> Loaded? {
        for name in ProductionName.candidates(forMirrors: host) where FileManager.default.fileExists(atPath: path(of: name)) {
            return try load(name)
        }
        return nil
    }

    /// Writes the record atomically, readable by its owner only (it describes a production host).
    @discardableResult
    public func save(_ record: ProductionRecord) throws -> String {
        guard ProductionName.isValid(record.name) else { throw ProductionStoreError.invalidName(record.name) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = path(of: record.name)
        let staging = "\(directory)/.\(record.name).json.\(getpid())"
        try record.encoded().write(to: URL(fileURLWithPath: staging))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: staging)
        guard rename(staging, file) == 0 else {
            let problem = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: staging)
            throw CocoaError(
                .fileWriteUnknown, userInfo: [NSFilePathErrorKey: file, NSLocalizedDescriptionKey: "cannot write \(file): \(problem)"])
        }
        return file
    }

    /// The file's bytes, refusing one larger than any record can be before reading it.
    static func read(_ file: String) throws -> Data {
        guard let data = try boundedRead(file, limit: ProductionRecord.maximumFileSize) else {
            throw ProductionRecordError(file: file, problem: "expected at most \(ProductionRecord.maximumFileSize >> 20) MiB")
        }
        return data
    }

    /// At most `limit` bytes of the regular file `path`, or nil when it holds more. Anything but a
    /// regular file is refused before it is opened: a FIFO would block the open, and `/dev/zero`
    /// reports size 0 and never ends, so a size from the file's attributes alone bounds nothing.
    static func boundedRead(_ path: String, limit: Int) throws -> Data? {
        if let problem = InputFile.regularFileProblem(path) {
            throw ProductionRecordError(file: path, problem: "expected a regular file: \(problem)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProductionRecordError(file: path, problem: "cannot be read")
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        return data.count > limit ? nil : data
    }
}

/// A production capture that is not there, or a name no capture can have.
public enum ProductionStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(name: String, directory: String, known: [String])
    case invalidName(String)

    public var description: String {
        switch self {
        case let .notFound(name, directory, known):
            return "no production capture '\(name)' in \(directory)"
                + (known.isEmpty
                    ? " (it holds none; take one with `patchlab production capture HOST`)"
                    : "; it holds: \(known.joined(separator: ", "))")
        case let .invalidName(name):
            return "'\(name)' cannot name a production capture; expected \(ProductionName.shape)"
        }
    }
}
