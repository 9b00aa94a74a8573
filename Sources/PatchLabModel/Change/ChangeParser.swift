import Foundation

/// Turns a change document into a ``Change``, reporting every problem to the reader rather than
/// stopping at the first. Returns nil when something required could not be read (it has been
/// reported then).
///
/// Paths are relative to the change file's folder; whether a named file exists is asked of
/// `fileExists` (given absolute paths), and the only file read besides the change is its
/// `sha256_file`, through `readFile`.
struct ChangeParser {
    static let changeKeys = [
        "change", "title", "type", "reason", "risk", "requested_by", "lab", "plans",
        "accept_baseline_failures", "patch", "patches", "deployment", "rollback", "fingerprint", "fidelity",
    ]
    static let patchKeys = ["description", "files", "sha256_file", "install", "timeout", "priority"]
    static let patchFileKeys = ["source", "sha256", "destination"]
    static let deploymentKeys = ["order", "machines"]
    static let rollbackKeys = ["strategy", "verify_plans"]
    static let fingerprintKeys = ["packages", "services", "ports", "watch", "ignore"]
    static let fidelityKeys = ["min", "same_start_versions"]

    let reader: YAMLReader
    let fileExists: (String) -> Bool
    let readFile: (String) throws -> String

    func parse() -> Change? {
        guard let document = reader.document(of: "change", keys: Self.changeKeys) else { return nil }
        let id = document.required("change")?.string(expected: ChangeNameRules.idShape, where: ChangeNameRules.isValidID)
        let title = document.required("title")?.singleLine()
        let type = document.required("type")?.oneOf(ChangeType.self)
        let reason = document.required("reason")?.string()
        let risk = document.required("risk")?.oneOf(ChangeRisk.self)
        let requestedByValue = document.optional("requested_by")
        let requestedBy = requestedByValue?.singleLine()
        let lab = document.required("lab").flatMap { referencedFile($0, kind: "lab file") }
        let plans = document.required("plans").flatMap { referencedFiles($0, kind: "test plan") }
        let accepted = parseAcceptedFailures(document.optional("accept_baseline_failures"))
        // The default upload folder is named after the change; "?" only when the id is bad (reported).
        let patches = parsePatches(document, changeID: id?.value ?? "?")
        let deployment = parseDeployment(document.optional("deployment"))
        let rollback = parseRollback(document.optional("rollback"))
        let fingerprint = parseFingerprint(document.optional("fingerprint"))
        let fidelityValue = document.optional("fidelity")
        let fidelity = fidelityValue.flatMap(parseFidelity)

        guard let id, let title, let type, let reason, let risk, requestedByValue == nil || requestedBy != nil,
            let lab, let plans, let accepted, let patches, let deployment, let rollback, let fingerprint,
            fidelityValue == nil || fidelityValue!.isNull || fidelity != nil
        else {
            return nil
        }
        return Change(
            id: id.value, title: title.value, type: type.value, reason: reason.value, risk: risk.value,
            requestedBy: requestedBy?.value, lab: lab, plans: plans, acceptBaselineFailures: accepted,
            patches: patches, deployment: deployment, rollback: rollback, fingerprint: fingerprint,
            fidelity: fidelity, file: reader.file, location: document.location)
    }

    // MARK: Referenced files

    /// A path to a file that must exist, relative to the change file: its absolute form, at the place
    /// it is written.
    private func referencedFile(_ value: YAMLValue, kind: String) -> Located<String>? {
        guard let text = value.path() else { return nil }
        let shown = PlanPaths.resolve(text.value, relativeTo: reader.file)
        let absolute = PlanPaths.absolute(shown)
        guard fileExists(absolute) else {
            value.error(
                "\(kind) '\(text.value)' \(InputFile.absence(of: absolute, shown: shown)); expected a \(kind), "
                    + "relative to the change file's folder")
            return nil
        }
        return Located(absolute, at: value.location)
    }

    /// A path or a list of paths, each to an existing file, each once; at least one.
    private func referencedFiles(_ value: YAMLValue, kind: String) -> [Located<String>]? {
        guard let items = stringItems(value) else { return nil }
        if items.isEmpty {
            value.error("expected at least one \(kind) in \(value.label), found an empty list")
            return nil
        }
        var files: [Located<String>] = []
        var firstAt: [String: SourceLocation] = [:]
        var complete = true
        for item in items {
            guard let file = referencedFile(item, kind: kind) else { complete = false; continue }
            if let first = firstAt[file.value] {
                item.error(
                    "\(kind) '\(item.scalarText ?? "")' listed twice (first at line \(first.line)); "
                        + "expected each \(kind) once")
                complete = false
                continue
            }
            firstAt[file.value] = file.location
            files.append(file)
        }
        return complete ? files : nil
    }

    /// The value as a list of items, a single scalar counting as a list of one.
    private func stringItems(_ value: YAMLValue) -> [YAMLValue]? {
        value.isList ? value.list() : [value]
    }

    private func parseAcceptedFailures(_ value: YAMLValue?) -> [Located<String>]? {
        guard let value, !value.isNull else { return [] }
        guard let items = stringItems(value) else { return nil }
        var ids: [Located<String>] = []
        var seen = Set<String>()
        var complete = true
        for item in items {
            guard
                let id = item.string(
                    expected: "a test case id (\(PlanNameRules.idShape))",
                    where: PlanNameRules.isValidID)
            else { complete = false; continue }
            guard seen.insert(id.value).inserted else {
                item.error("case '\(id.value)' listed twice in 'accept_baseline_failures'; expected each case once")
                complete = false
                continue
            }
            ids.append(id)
        }
        return complete ? ids : nil
    }

    // MARK: Patch

    /// One patch: `patch:` itself, or an item of `patches:` (then with its `id`, read by the caller,
    /// and its files uploaded under a folder of their own by default).
    func parsePatch(_ fields: YAMLMapping, changeID: String, id: String = "") -> PatchSpec? {
        let description = fields.required("description")?.string()
        let priorityValue = fields.optional("priority")
        let priority = priorityValue?.oneOf(PatchPriority.self)
        let uploadFolder =
            id.isEmpty ? "\(PatchSpec.defaultUploadFolder)/\(changeID)" : "\(PatchSpec.defaultUploadFolder)/\(changeID)/\(id)"
        let sumsValue = fields.optional("sha256_file")
        let sums = sumsValue.flatMap(parseSums)
        let sumsRead: SumsRead = sumsValue == nil ? .absent : sums.map(SumsRead.read) ?? .unreadable
        let files = parsePatchFiles(fields.optional("files"), sums: sumsRead, uploadFolder: uploadFolder)
        let install = fields.required("install").flatMap(parseInstall)
        let timeoutValue = fields.optional("timeout")
        let timeout = timeoutValue?.duration(atLeast: .seconds(1))
        guard let description, let files, sumsValue == nil || sums != nil, let install,
            timeoutValue == nil || timeout != nil, priorityValue == nil || priority != nil
        else { return nil }
        return PatchSpec(
            id: id, description: description.value, files: files, sha256File: sums?.file, install: install,
            timeout: timeout?.value ?? PatchSpec.defaultTimeout, priority: priority?.value ?? .medium,
            location: fields.location)
    }

    /// What `sha256_file` gave: not given, given but unusable (reported: sources it would have covered
    /// are then not reported again), or read.
    private enum SumsRead {
        case absent
        case unreadable
        case read((file: Located<String>, written: String, sums: SHA256Sums))
    }

    private func parseSums(_ value: YAMLValue) -> (file: Located<String>, written: String, sums: SHA256Sums)? {
        guard let text = value.path() else { return nil }
        let shown = PlanPaths.resolve(text.value, relativeTo: reader.file)
        let absolute = PlanPaths.absolute(shown)
        let contents: String
        do {
            guard fileExists(absolute) else { throw InputFile.regularFileProblem(absolute) ?? .notFound }
            contents = try readFile(absolute)
        } catch {
            value.error(
                "cannot read sha256_file '\(text.value)' (\(shown)): \(InputFile.reason(error)); expected a "
                    + "sha256sum-format file, relative to the change file's folder")
            return nil
        }
        let before = reader.diagnostics.count
        let folder = String(absolute[..<(absolute.lastIndex(of: "/") ?? absolute.startIndex)])
        let sums = SHA256Sums.parse(contents, shownFile: shown, folder: folder, report: reader.report)
        guard reader.diagnostics.count == before else { return nil }
        return (Located(absolute, at: value.location), text.value, sums)
    }

    private func parsePatchFiles(_ value: YAMLValue?, sums: SumsRead, uploadFolder: String) -> [PatchFile]? {
        guard let value, !value.isNull else { return [] }
        guard let items = value.list() else { return nil }
        var files: [PatchFile] = []
        var bySource: [String: PatchFile] = [:], byDestination: [String: PatchFile] = [:]
        var complete = true
        for item in items {
            guard let file = parsePatchFile(item, sums: sums, uploadFolder: uploadFolder) else { complete = false; continue }
            if let first = bySource[file.source] {
                reader.error(
                    "patch file '\(file.source)' listed twice (first at line \(first.location.line)); "
                        + "expected each file once", at: file.location)
                complete = false
            } else if let first = byDestination[file.destination] {
                reader.error(
                    "patch files at lines \(first.location.line) and \(file.location.line) both upload to "
                        + "'\(file.destination)'; expected a destination of its own for each file", at: file.location)
                complete = false
            } else {
                bySource[file.source] = file
                byDestination[file.destination] = file
                files.append(file)
            }
        }
        return complete ? files : nil
    }

    private func parsePatchFile(_ item: YAMLValue, sums: SumsRead, uploadFolder: String) -> PatchFile? {
        guard let fields = item.mapping(of: "patch file", keys: Self.patchFileKeys) else { return nil }
        var source: Located<String>?
        if let sourceValue = fields.required("source"), let text = sourceValue.path() {
            let shown = PlanPaths.resolve(text.value, relativeTo: reader.file)
            let absolute = PlanPaths.absolute(shown)
            if fileExists(absolute) {
                source = Located(absolute, at: sourceValue.location)
            } else {
                sourceValue.error(
                    "patch file '\(text.value)' \(InputFile.absence(of: absolute, shown: shown)); expected a file, relative to the "
                        + "change file's folder")
            }
        }
        let shaValue = fields.optional("sha256")
        let inline = shaValue?.string(expected: ChangeNameRules.sha256Shape, where: ChangeNameRules.isValidSHA256)
            .map { $0.map { $0.lowercased() } }
        let destinationValue = fields.optional("destination")
        let destination = destinationValue?.string(
            expected: "an absolute guest path (ending in / for a folder)",
            where: PlanNameRules.isAbsolutePath)
        guard let source, shaValue == nil || inline != nil, destinationValue == nil || destination != nil else {
            return nil
        }
        guard let digest = digest(of: source, inline: inline, sums: sums, item: fields) else { return nil }
        let name = PatchFile.fileName(of: source.value)
        let target: String
        if let destination {
            target =
                destination.value.hasSuffix("/")
                ? PlanPaths.normalize(destination.value) + "/" + name
                : PlanPaths.normalize(destination.value)
        } else {
            target = "\(uploadFolder)/\(name)"
        }
        return PatchFile(
            source: source.value, sha256: digest.value, destination: target, location: source.location,
            digestLocation: digest.location)
    }

    /// The file's digest: the inline one, or the sha256_file's entry; both must agree when both exist.
    private func digest(
        of source: Located<String>, inline: Located<String>?, sums: SumsRead,
        item: YAMLMapping
    ) -> Located<String>? {
        let name = item.optional("source")?.scalarText ?? source.value
        switch (inline, sums) {
        case let (inline?, .read(read)):
            if let entry = read.sums.entries[source.value], entry.sha256 != inline.value {
                reader.error(
                    "sha256 of '\(name)' differs from its entry in the sha256_file (\(entry.location)): "
                        + "expected them to agree, found \(inline.value) here and \(entry.sha256) there",
                    at: inline.location)
                return nil
            }
            return inline
        case let (inline?, _):
            return inline
        case let (nil, .read(read)):
            guard let entry = read.sums.entries[source.value] else {
                reader.error(
                    "no digest for patch file '\(name)': sha256_file '\(read.written)' has no entry for it; "
                        + "expected a line for it there, or a 'sha256:' here", at: source.location)
                return nil
            }
            return Located(entry.sha256, at: entry.location)
        case (nil, .unreadable):
            return nil
        case (nil, .absent):
            reader.error(
                "no digest for patch file '\(name)'; expected a 'sha256:' here, or a 'sha256_file:' in "
                    + "'patch' that lists it", at: source.location)
            return nil
        }
    }

    /// A shell string or an argv list, as plan steps write commands; an empty one installs nothing.
    private func parseInstall(_ value: YAMLValue) -> Command? {
        // The plan's step reader is the one definition of how a command is written; it needs no
        // plan state to read one.
        let steps = StepParser(
            session: PlanLoadSession(loadInclude: { _ in "" }, fileExists: { _ in false }),
            caseName: "patch")
        guard let command = steps.parseCommand(value) else { return nil }
        if case let .argv(words, _) = command, words[0].trimmingSpaces().isEmpty {
            value.error("expected a program as the first item of \(value.label), found an empty string")
            return nil
        }
        return command
    }

    // MARK: Deployment, rollback, fingerprint

    private func parseDeployment(_ value: YAMLValue?) -> DeploymentSpec? {
        guard let value, !value.isNull else { return DeploymentSpec(location: .start(of: reader.file)) }
        guard let fields = value.mapping(of: "deployment", keys: Self.deploymentKeys) else { return nil }
        let orderValue = fields.optional("order")
        let order = orderValue?.oneOf(DeploymentOrder.self)
        let machinesValue = fields.optional("machines")
        let machines = machinesValue.flatMap(CaseParser.parseSelectors)
        guard orderValue == nil || order != nil, machinesValue == nil || machines != nil else { return nil }
        return DeploymentSpec(order: order?.value ?? .phased, machines: machines, location: fields.location)
    }

    private func parseRollback(_ value: YAMLValue?) -> RollbackSpec? {
        guard let value, !value.isNull else { return RollbackSpec(location: .start(of: reader.file)) }
        guard let fields = value.mapping(of: "rollback", keys: Self.rollbackKeys) else { return nil }
        let strategyValue = fields.optional("strategy")
        let strategy = strategyValue?.oneOf(RollbackStrategy.self)
        let verifyValue = fields.optional("verify_plans")
        let verify = verifyValue.flatMap { $0.isNull ? [] : referencedFiles($0, kind: "test plan") }
        guard strategyValue == nil || strategy != nil, verifyValue == nil || verify != nil else { return nil }
        return RollbackSpec(strategy: strategy?.value ?? .snapshot, verifyPlans: verify ?? [], location: fields.location)
    }

    private func parseFingerprint(_ value: YAMLValue?) -> FingerprintSpec? {
        guard let value, !value.isNull else { return FingerprintSpec(location: .start(of: reader.file)) }
        guard let fields = value.mapping(of: "fingerprint", keys: Self.fingerprintKeys) else { return nil }
        func flag(_ key: String) -> Bool? {
            guard let value = fields.optional(key) else { return true }
            return value.bool()?.value
        }
        let packages = flag("packages"), services = flag("services"), ports = flag("ports")
        let watch = fields.optional("watch").map { guestPaths($0, keepTrailingSlash: false) } ?? FingerprintSpec.defaultWatch
        let ignore = fields.optional("ignore").map { guestPaths($0, keepTrailingSlash: true) } ?? FingerprintSpec.defaultIgnore
        guard let packages, let services, let ports, let watch, let ignore else { return nil }
        return FingerprintSpec(
            packages: packages, services: services, ports: ports, watch: watch, ignore: ignore,
            location: fields.location)
    }

    /// `min` (0 to 1) and `same_start_versions`; an empty `fidelity:` demands nothing.
    private func parseFidelity(_ value: YAMLValue) -> FidelityDemand? {
        guard !value.isNull else { return nil }
        guard let fields = value.mapping(of: "fidelity", keys: Self.fidelityKeys) else { return nil }
        var complete = true
        var min: Double?
        if let minValue = fields.optional("min") {
            if let number = minValue.number() {
                if (0...1).contains(number.value) {
                    min = number.value
                } else {
                    minValue.error("\(minValue.label) out of range; expected a score from 0 to 1, found \(minValue.found)")
                    complete = false
                }
            } else {
                complete = false
            }
        }
        var same = false
        if let sameValue = fields.optional("same_start_versions") {
            if let flag = sameValue.bool() { same = flag.value } else { complete = false }
        }
        return complete ? FidelityDemand(min: min, sameStartVersions: same, location: fields.location) : nil
    }

    /// Absolute guest paths, normalized, each once; an empty value is an empty list. A trailing `/`
    /// is kept where it means "a folder and everything under it".
    private func guestPaths(_ value: YAMLValue, keepTrailingSlash: Bool) -> [String]? {
        guard !value.isNull else { return [] }
        guard let items = stringItems(value) else { return nil }
        var paths: [String] = []
        var seen = Set<String>()
        var complete = true
        for item in items {
            guard let text = item.string(expected: "an absolute guest path", where: PlanNameRules.isAbsolutePath) else {
                complete = false
                continue
            }
            var path = PlanPaths.normalize(text.value)
            if keepTrailingSlash, text.value.hasSuffix("/"), path != "/" { path += "/" }
            if seen.insert(path).inserted { paths.append(path) }
        }
        return complete ? paths : nil
    }
}
