import ArgumentParser
import Foundation
import PatchLabEngine
import PatchLabModel

/// What `updates` and `change new --from-updates` look at: a lab file (its machines, up, asked
/// through the guest agent) or a stored fingerprint of a production host: a capture of
/// `production capture` (`production/NAME.json`, ``ProductionRecord``), or a bare ``Fingerprint``.
struct UpdateTarget {
    let path: String

    var isFingerprint: Bool { path.hasSuffix(".json") }

    /// `lab demo` or `production/web-01.json`: for messages and the change's reason.
    func origin(lab: Lab?) -> String { lab.map { "lab \($0.name)" } ?? path }

    /// The lab, when the target is one.
    func lab() throws -> Lab? { isFingerprint ? nil : try Lab.load(contentsOf: path) }

    func installed(release: String?, environment: EngineEnvironment) async throws -> [InstalledPackages] {
        let override = try release.map(Self.release(named:))
        if let lab = try lab() {
            var machines = try await UpdateFinder(environment: environment).installed(
                in: lab, provisioner: LabProvisioner(environment: environment))
            if let override { machines = machines.map { InstalledPackages(machine: $0.machine, release: override, packages: $0.packages) } }
            return machines
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        let fingerprint: Fingerprint
        if (try? JSONDecoder().decode(RecordFormat.self, from: data))?.format != nil {
            // A capture of `production capture`: checked as every capture is, its fingerprint used.
            fingerprint = try ProductionRecord.decode(data, file: path).fingerprint
        } else {
            do { fingerprint = try Self.decoder.decode(Fingerprint.self, from: data) } catch {
                throw UpdatesError.notAFingerprint(file: path, detail: "\(error)")
            }
        }
        return [try UpdateFinder.installed(fingerprint: fingerprint, file: path, release: override)]
    }

    /// Only whether the file names a format, as a production capture does.
    private struct RecordFormat: Decodable { var format: String? }

    static func release(named name: String) throws -> DebianRelease {
        if let release = DebianRelease(version: name) { return release }
        guard DebianRelease.byMajor.values.contains(name) else {
            throw ValidationError(
                "--release \(name) is not a Debian release PatchLab knows; expected one of "
                    + DebianRelease.byMajor.sorted { $0.key < $1.key }.map(\.value).joined(separator: ", "))
        }
        return DebianRelease(codename: name)
    }

    /// `security,updates`: the suites to list; every one of them when nil.
    static func suites(_ text: String?) throws -> Set<DebianRelease.Suite> {
        guard let text else { return Set(DebianRelease.Suite.allCases) }
        var suites: Set<DebianRelease.Suite> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let suite = DebianRelease.Suite(rawValue: name) else {
                throw ValidationError(
                    "--suites: '\(name)' is not a suite; expected some of: "
                        + DebianRelease.Suite.allCases.map(\.rawValue).joined(separator: ", "))
            }
            suites.insert(suite)
        }
        guard !suites.isEmpty else { throw ValidationError("--suites names no suite") }
        return suites
    }

    /// Fingerprints are written with ISO 8601 dates in packets and with seconds in the run store.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSinceReferenceDate: seconds) }
            let text = try container.decode(String.self)
            for options in [ISO8601DateFormatter.Options.withInternetDateTime, [.withInternetDateTime, .withFractionalSeconds]] {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = options
                if let date = formatter.date(from: text) { return date }
            }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
        }
        return decoder
    }()
}
