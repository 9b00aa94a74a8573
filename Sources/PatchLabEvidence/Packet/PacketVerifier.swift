import Foundation
import PatchLabModel

/// Checks an evidence packet, folder or `.tar.gz`: every file listed with the right digest and size
/// and none unlisted; the manifest signed by a trusted key (a keyid is only a hint); each attestation
/// signed, about the patch files the packet names, configured with the plans and lab it holds, and
/// saying what the results say; and the verdict the summaries state equal to the one the results give.
///
/// Every check runs even when an earlier one failed, so one run names every problem.
public struct PacketVerifier: Sendable {
    public var trustedKeys: TrustedKeys
    /// The board whose members' approval records the packet may hold; without it, a packet holding
    /// approvals cannot be fully verified.
    public var board: BoardConfiguration?
    /// How much a `.tar.gz` may unpack to before it is refused.
    public var archiveLimits: PacketArchive.Limits

    public init(trustedKeys: TrustedKeys, board: BoardConfiguration? = nil, archiveLimits: PacketArchive.Limits = .init()) {
        self.trustedKeys = trustedKeys
        self.board = board
        self.archiveLimits = archiveLimits
    }

    /// - Throws: ``ArchiveRefusal`` for an archive that is not one folder of regular files and folders
    ///   within ``archiveLimits``; ``PacketError`` for a path that is no packet at all.
    public func verify(_ path: String) throws -> PacketVerification {
        if path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") {
            let (packet, scratch) = try PacketArchive.unpack(path, limits: archiveLimits)
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            var verification = try verifyFolder(packet)
            verification.packet = path
            return verification
        }
        return try verifyFolder(path)
    }

    public func verifyFolder(_ folder: String) throws -> PacketVerification {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PacketError.notAPacket(folder, reason: "no such folder or .tar.gz archive")
        }
        let packet = PacketContents(folder: folder)
        var checks: [PacketVerification.Check] = []
        let manifest = checkManifest(packet, into: &checks)
        let signer = checkSignature(packet, into: &checks)
        checks.append(checkFiles(packet, manifest: manifest))
        let kind = PacketSubject.kind(of: packet, manifest: manifest)
        let record = PacketSubject.recordFile(of: kind)
        let subject = PacketSubject.read(packet, kind: kind, manifest: manifest).mapError { error -> any Error in
            error is PacketError ? error : PacketError.invalid(record, reason: "\(error)")
        }
        checks.append(checkAttestations(packet, manifest: manifest, subject: subject))
        checks.append(checkVerdict(packet, manifest: manifest, subject: subject))
        if let bisection = checkBisection(packet, kind: kind) { checks.append(bisection) }
        let (approvals, judgement) = checkApprovals(folder)
        checks.append(approvals)
        return PacketVerification(packet: folder, checks: checks, signer: signer, approvals: judgement)
    }

    // MARK: checks

    /// Every record judged from the members file and the packet (``ApprovalJudge``): one that
    /// breaks a rule is a problem, named with the rule, and does not count.
    private func checkApprovals(_ folder: String) -> (PacketVerification.Check, ApprovalJudgement?) {
        let files = ApprovalLedger(folder: folder).recordFiles()
        guard let board else {
            if files.isEmpty { return (.init(name: "approvals", problems: [], detail: "no approval records yet"), nil) }
            return (
                .init(
                    name: "approvals", problems: ["\(files.count) approval record(s) cannot be checked without the board's members file"]),
                nil
            )
        }
        let judgement = ApprovalJudge(board: board).judge(packet: folder)
        if files.isEmpty { return (.init(name: "approvals", problems: [], detail: "no approval records yet"), judgement) }
        let counted = judgement.counted
        let decisions = counted.map { "\($0.approver) \($0.decision.rawValue)" }.joined(separator: ", ")
        return (
            .init(name: "approvals", problems: judgement.problems, detail: "\(counted.count) signed by board members: \(decisions)"),
            judgement
        )
    }

    private func checkManifest(_ packet: PacketContents, into checks: inout [PacketVerification.Check]) -> PacketManifest? {
        do {
            let manifest = try PacketJSON.decoder.decode(PacketManifest.self, from: try packet.data(PacketLayout.manifest))
            guard manifest.schema == PacketManifest.currentSchema else {
                checks.append(
                    .init(
                        name: "manifest",
                        problems: ["\(PacketLayout.manifest): schema '\(manifest.schema)' is not '\(PacketManifest.currentSchema)'"]))
                return nil
            }
            checks.append(.init(name: "manifest", problems: [], detail: "\(manifest.files.count) files, run \(manifest.runID)"))
            return manifest
        } catch {
            checks.append(.init(name: "manifest", problems: ["\(PacketLayout.manifest): \(error)"]))
            return nil
        }
    }

    private func checkSignature(_ packet: PacketContents, into checks: inout [PacketVerification.Check]) -> VerifyingKey? {
        switch signedManifest(packet) {
        case let .success((_, key)):
            checks.append(
                .init(name: "signature", problems: [], detail: "manifest signed by \(key.name ?? "trusted key") (\(key.keyID.prefix(16)))"))
            return key
        case let .failure(problem):
            checks.append(.init(name: "signature", problems: ["\(problem)"]))
            return nil
        }
    }

    /// The bytes of `manifest.json` when they are the payload of an envelope a trusted key signed,
    /// with that key; otherwise what is wrong, naming the file.
    func signedManifest(_ packet: PacketContents) -> Result<(manifest: Data, key: VerifyingKey), PacketError> {
        do {
            let envelope = try DSSEEnvelope.decode(try packet.data(PacketLayout.manifestSignature))
            guard envelope.payloadType == PacketManifest.payloadType else {
                return .failure(
                    .invalid(
                        PacketLayout.manifestSignature,
                        reason: "payload type '\(envelope.payloadType)' is not '\(PacketManifest.payloadType)'"))
            }
            let key = try envelope.verify(with: trustedKeys)
            guard let manifest = try? packet.data(PacketLayout.manifest), manifest == envelope.payload else {
                return .failure(
                    .invalid(PacketLayout.manifest, reason: "not the manifest that was signed (it was rewritten after signing)"))
            }
            return .success((manifest, key))
        } catch {
            return .failure(.invalid(PacketLayout.manifestSignature, reason: "\(error)"))
        }
    }

    private func checkFiles(_ packet: PacketContents, manifest: PacketManifest?) -> PacketVerification.Check {
        guard let manifest else { return .init(name: "files", problems: ["cannot check the files without a readable manifest"]) }
        var problems: [String] = []
        let (present, irregular) = packet.allFiles()
        problems += irregular.map { "\($0): not a regular file (links and devices are never part of a packet)" }
        // By bytes: a name spelled otherwise but equal as Swift compares Unicode is an added file.
        let listed = Set(manifest.files.map { Array($0.path.utf8) })
        for path in present where !PacketManifest.isUnlisted(path) && !listed.contains(Array(path.utf8)) {
            problems.append("\(path): " + Self.strayReason(path))
        }
        let found = Set(present.map { Array($0.utf8) })
        for entry in manifest.files {
            guard found.contains(Array(entry.path.utf8)) else {
                problems.append("\(entry.path): listed in the manifest but missing")
                continue
            }
            do {
                let actual = try StreamingDigest.sha256(ofFile: packet.path(entry.path))
                if actual.size != entry.size || actual.sha256 != entry.sha256 {
                    problems.append(
                        "\(entry.path): content changed (sha256 \(actual.sha256.prefix(12))…, \(actual.size) bytes; "
                            + "manifest says \(entry.sha256.prefix(12))…, \(entry.size) bytes)")
                }
            } catch {
                problems.append("\(entry.path): \(error)")
            }
        }
        return .init(name: "files", problems: problems, detail: "\(manifest.files.count) files match their sha256")
    }

    /// A machine's stated scores that its counts do not give, and counts its differences do not
    /// add up to: the verdict is decided on the counts, so a score written over them must show.
    static func fidelityCountProblems(_ machine: MachineFidelity) -> [String] {
        var problems: [String] = []
        for dimension in machine.dimensions {
            let kinds = Dictionary(grouping: dimension.differences, by: \.kind).mapValues(\.count)
            if kinds[.different, default: 0] != dimension.different || kinds[.missingInLab, default: 0] != dimension.missingInLab
                || kinds[.onlyInLab, default: 0] != dimension.onlyInLab
            {
                problems.append("\(machine.machine): the \(dimension.kind.rawValue) counts do not match the differences listed")
            }
            if abs(dimension.score - dimension.computedScore) > 1e-9 {
                problems.append(
                    "\(machine.machine): states a \(dimension.kind.rawValue) fidelity of \(FidelityReport.format(dimension.score)), "
                        + "but its counts give \(FidelityReport.format(dimension.computedScore))")
            }
        }
        if let stated = machine.score, let computed = machine.computedScore, abs(stated - computed) > 1e-9 {
            problems.append(
                "\(machine.machine): states a fidelity of \(FidelityReport.format(stated)), but its counts give \(FidelityReport.format(computed))"
            )
        }
        return problems
    }

    /// Why a file that is neither listed nor an approval record is in the packet, as far as can be told.
    static func strayReason(_ path: String) -> String {
        let approvals = PacketLayout.approvals + "/"
        guard path.utf8.starts(with: approvals.utf8) else { return "not listed in the manifest (added after signing)" }
        return path.utf8.dropFirst(approvals.utf8.count).contains(UInt8(ascii: "/"))
            ? "in a sub-folder of \(approvals): not an approval record, and not listed in the manifest"
            : "a hidden file in \(approvals): not an approval record, and not listed in the manifest"
    }

    private func checkAttestations(
        _ packet: PacketContents, manifest: PacketManifest?,
        subject read: Result<PacketSubject, any Error>
    ) -> PacketVerification.Check {
        let name = "attestations"
        let subject: PacketSubject
        switch read {
        case let .success(value): subject = value
        case let .failure(error): return .init(name: name, problems: ["cannot check the attestations: \(error)"])
        }
        var problems: [String] = []
        var checked = 0
        for (phase, runs, phaseSubjects) in subject.phases {
            let path = PacketLayout.attestation(phase)
            guard packet.exists(path) else {
                if !runs.isEmpty { problems.append("\(path): missing (the \(phase) phase ran plans)") }
                continue
            }
            do {
                let envelope = try DSSEEnvelope.decode(try packet.data(path))
                _ = try envelope.verify(with: trustedKeys)
                guard envelope.payloadType == PacketAttestations.Statement.payloadType else {
                    problems.append("\(path): payload type '\(envelope.payloadType)' is not in-toto's")
                    continue
                }
                let statement = try JSONDecoder().decode(PacketAttestations.Statement.self, from: envelope.payload)
                if Set(statement.subject) != phaseSubjects ?? subject.subjects {
                    problems.append(
                        "\(path): subjects are not "
                            + (phaseSubjects == nil
                                ? subject.subjectsDescription
                                : "the files of the patches the step applied"))
                }
                for item in statement.predicate.configuration {
                    guard let entryName = item.name, let entry = manifest?.entry(entryName) else {
                        problems.append("\(path): configuration \(item.name ?? "?") is not a file of the packet")
                        continue
                    }
                    if entry.sha256 != item.digest["sha256"] {
                        problems.append("\(path): configuration \(entryName) has another digest than the packet's file")
                    }
                }
                let expected = PacketAttestations.statement(runs: runs, subjects: [], configuration: []).predicate
                let stated = statement.predicate
                if stated.result != expected.result || stated.passedTests != expected.passedTests
                    || stated.warnedTests != expected.warnedTests || stated.failedTests != expected.failedTests
                {
                    problems.append(
                        "\(path): says \(stated.result.rawValue), but the \(phase) results give \(expected.result.rawValue) "
                            + "with other passed/warned/failed tests")
                }
                checked += 1
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        var detail = "\(checked) signed test-result attestations agree with the results"
        if let fidelity = subject.fidelity {
            let fidelityProblems = checkFidelityAttestation(packet, expected: fidelity, subjects: subject)
            problems += fidelityProblems
            if fidelityProblems.isEmpty { detail += ", and the signed fidelity attestation with the record" }
        }
        return .init(name: name, problems: problems, detail: detail)
    }

    /// `attestations/fidelity.intoto.json` signed by a trusted key, about the patch files, saying
    /// exactly what the record's fidelity and the change's demand give; `fidelity.json` the same.
    private func checkFidelityAttestation(_ packet: PacketContents, expected: FidelityPredicate, subjects: PacketSubject) -> [String] {
        let path = PacketLayout.attestation(PacketLayout.fidelityAttestation)
        var problems: [String] = []
        do {
            let envelope = try DSSEEnvelope.decode(try packet.data(path))
            _ = try envelope.verify(with: trustedKeys)
            let statement = try InTotoStatement<FidelityPredicate>.decode(envelope.payload, predicateType: FidelityPredicate.predicateType)
            if Set(statement.subject) != subjects.subjects { problems.append("\(path): subjects are not \(subjects.subjectsDescription)") }
            if statement.predicate != expected {
                problems.append("\(path): says other fidelity than \(subjects.recordFile) and the change's demand give")
            }
        } catch {
            problems.append("\(path): \(error)")
        }
        do {
            if try PacketJSON.decoder.decode(FidelityPredicate.self, from: try packet.data(PacketLayout.fidelity)) != expected {
                problems.append("\(PacketLayout.fidelity): says other fidelity than \(subjects.recordFile) and the change's demand give")
            }
        } catch {
            problems.append("\(PacketLayout.fidelity): \(error)")
        }
        return problems
    }

    private func checkVerdict(
        _ packet: PacketContents, manifest: PacketManifest?,
        subject read: Result<PacketSubject, any Error>
    ) -> PacketVerification.Check {
        let name = "verdict"
        let subject: PacketSubject
        switch read {
        case let .success(value): subject = value
        case let .failure(error): return .init(name: name, problems: ["cannot check the verdict: \(error)"])
        }
        var problems: [String] = []
        let stated = subject.stated.title
        if subject.recomputed != subject.stated {
            problems.append("\(subject.recordFile): states \(stated) but its results give \(subject.recomputed.title)")
        }
        for machine in subject.fidelityReport?.machines ?? [] {
            problems += Self.fidelityCountProblems(machine).map { "\(subject.recordFile): \($0)" }
        }
        if let manifest, manifest.verdict != stated {
            problems.append("\(PacketLayout.manifest): states \(manifest.verdict), the results \(stated)")
        }
        let html =
            (try? packet.data(PacketLayout.summaryHTML)).map { PacketSummaryHTML.statedVerdict(in: String(decoding: $0, as: UTF8.self)) }
            ?? nil
        if html != stated { problems.append("\(PacketLayout.summaryHTML): states \(html ?? "no verdict"), the results \(stated)") }
        let markdown =
            (try? packet.data(PacketLayout.summaryMarkdown)).map {
                PacketSummaryMarkdown.statedVerdict(in: String(decoding: $0, as: UTF8.self))
            } ?? nil
        if markdown != stated {
            problems.append("\(PacketLayout.summaryMarkdown): states \(markdown ?? "no verdict"), the results \(stated)")
        }
        for (phase, runs, _) in subject.phases where !runs.isEmpty {
            let path = PacketLayout.results(phase, "results.json")
            do {
                let document = try JSONReport.decode(try packet.data(path))
                let states = document.runs.flatMap { $0.result.results.map { "\($0.caseID)@\($0.machine)=\($0.state.rawValue)" } }
                let recorded = runs.flatMap { $0.results.map { "\($0.caseID)@\($0.machine)=\($0.state.rawValue)" } }
                if states.sorted() != recorded.sorted() { problems.append("\(path): results differ from those the verdict was decided on") }
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        return .init(name: name, problems: problems, detail: "\(stated), as the results give")
    }
}
