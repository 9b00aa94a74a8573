/// Pending updates grouped into the patches of a batch change: one patch per source package (its
/// binary packages are built and fixed together), security first, each binary package once.
public enum UpdateBatch {
    public struct Group: Sendable, Hashable {
        /// The source package: the patch's id.
        public var source: String
        /// Its binary packages' updates, by package name, each with its index record.
        public var updates: [PendingUpdate]
        /// The most urgent of its suites' priorities.
        public var priority: PatchPriority { updates.map(\.suite.priority).min() ?? .medium }
        public var suite: DebianRelease.Suite { updates.map(\.suite).min() ?? .release }
    }

    /// Groups `updates` (from any number of machines of one release); an update without an index
    /// record cannot be fetched and is left out.
    public static func groups(_ updates: [PendingUpdate]) -> [Group] {
        var byPackage: [String: PendingUpdate] = [:]
        for update in updates where update.record != nil {
            if let known = byPackage[update.package], DebianVersion(known.candidate)! >= DebianVersion(update.candidate)! { continue }
            byPackage[update.package] = update
        }
        let bySource = Dictionary(grouping: byPackage.values, by: \.source)
        return bySource.map { Group(source: $0.key, updates: $0.value.sorted { $0.package < $1.package }) }
            .sorted { ($0.suite, $0.source) < ($1.suite, $1.source) }
    }

    /// The patch that installs a group: its `.deb` files (in `folder`, absolute, named as the archive
    /// names them) uploaded to `/var/tmp/patchlab/CHANGE/SOURCE/` and installed by dpkg together,
    /// their digests in `sums` (the batch's `SHA256SUMS`).
    public static func patch(_ group: Group, changeID: String, folder: String, sums: String) -> PatchSpec {
        let upload = "\(PatchSpec.defaultUploadFolder)/\(changeID)/\(group.source)"
        let files = group.updates.compactMap(\.record).map { record in
            PatchFile(source: "\(folder)/\(record.fileName)", sha256: record.sha256, destination: "\(upload)/\(record.fileName)")
        }
        let what = group.updates.map { "\($0.package) \($0.installed) → \($0.candidate)" }.joined(separator: ", ")
        return PatchSpec(
            id: group.source, description: "\(group.source): \(what) (\(group.updates[0].suiteName))", files: files,
            sha256File: Located(sums, at: .wholeFile(sums)),
            install: .shell("DEBIAN_FRONTEND=noninteractive dpkg --force-confold -i \(upload)/*.deb"),
            priority: group.priority)
    }
}
