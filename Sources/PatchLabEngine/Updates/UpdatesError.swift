/// What can stop PatchLab from finding or fetching pending updates, each saying what to do about it.
public enum UpdatesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A machine that is not Debian: apt's Debian archive says nothing about it.
    case notDebian(machine: String, os: String)
    case unknownRelease(machine: String, version: String)
    /// Neither `--release` nor a `base-files` package tells which release a fingerprint is of.
    case releaseNotKnown(file: String)
    case mixedReleases([String])
    case noKeyring(String)
    /// A downloaded `.deb` whose sha256 is not the one the archive's signed index gives.
    case digestMismatch(file: String, expected: String, actual: String)
    case notAFingerprint(file: String, detail: String)

    public var description: String {
        switch self {
        case let .notDebian(machine, os):
            "\(machine) runs \(os), not Debian: PatchLab finds pending updates in Debian's archive only"
        case let .unknownRelease(machine, version):
            "\(machine) runs Debian \(version), a release PatchLab does not know by name; expected one of "
                + DebianReleaseNames.known
        case let .releaseNotKnown(file):
            "\(file): the fingerprint lists no base-files package, so its Debian release is not known; give it with --release bookworm"
        case let .mixedReleases(releases):
            "the machines run different Debian releases (\(releases.joined(separator: ", "))); expected one release per change"
        case let .noKeyring(path):
            "\(path) is missing: apt checks the archive's signatures with it (apt-get install debian-archive-keyring)"
        case let .digestMismatch(file, expected, actual):
            "\(file): sha256 \(actual), but the archive's signed index says \(expected); the download is refused"
        case let .notAFingerprint(file, detail):
            "\(file): not a fingerprint as PatchLab writes it (machine, packages, …): \(detail)"
        }
    }
}

import PatchLabModel

enum DebianReleaseNames {
    static var known: String {
        DebianRelease.byMajor.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    }
}
