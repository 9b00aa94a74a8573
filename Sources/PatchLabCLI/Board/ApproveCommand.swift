import ArgumentParser
import Foundation
import PatchLabEvidence
import PatchLabModel

/// `patchlab approve PACKET --as MEMBER --key KEY --decision D [--board URL]`: a board member's
/// decision, signed here with the member's own key; with `--board`, filed through the board's API
/// (the key never leaves this machine: only the signed record is sent).
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record a board member's signed decision on an evidence packet.",
        discussion: """
            Checks the packet verifies, the member and key are the board's, the one who ran the rehearsal is not \
            approving it, and the change's rules (a NO-GO only as an emergency with --justification and --incident; \
            no second decision by the same member; nothing after a rejection). Only then writes an in-toto \
            Statement signed with the member's Ed25519 key under the packet's approvals/. A refusal writes nothing \
            and exits 1.

            With --board URL the packet is the board's (CHANGE/RUN): the board drafts the statement, it is \
            checked and signed here, and only the signed record is sent. The board secret is read from \
            $PATCHLAB_BOARD_SECRET, --secret-file, or asked for on the terminal.
            """)

    @Argument(help: "The packet folder (evidence/CHANGE/RUN); with --board, the packet's CHANGE/RUN on the board.")
    var packet: String

    @Option(help: "File the decision through this change board's API (e.g. http://127.0.0.1:8080).")
    var board: String?

    @Option(help: "With --board: give up on a request the board has not answered in full within this many seconds.")
    var boardTimeout: Int = 60

    @Option(help: "With --board: a file holding your board secret (default: $PATCHLAB_BOARD_SECRET, or asked).")
    var secretFile: String?

    @Option(name: .customLong("as"), help: "Your member id in the members file.")
    var member: String

    @Option(help: "Your private key (PEM, from `patchlab keys generate`).")
    var key: String

    @Option(help: "approve, approve-with-conditions, reject or defer.")
    var decision: ApprovalDecision

    @Option(help: "The conditions of an approval (e.g. \"deploy in window 3\"); implies approve-with-conditions.")
    var conditions: String?

    @Option(help: "Why: required to reject or defer.")
    var comment: String?

    @Option(help: "Emergency approval of a NO-GO: the written justification.")
    var justification: String?

    @Option(help: "Emergency approval of a NO-GO: the incident reference.")
    var incident: String?

    @Option(help: "The board's members file (default: $PATCHLAB_HOME/board/members.yaml).")
    var members: String?

    @Option(help: "Trusted packet signers (default: $PATCHLAB_HOME/trusted-keys).")
    var trustedKeys: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (justification == nil) != (incident == nil) {
            throw ValidationError("an emergency approval needs both --justification and --incident")
        }
        if !(1...3600).contains(boardTimeout) {
            throw ValidationError("--board-timeout \(boardTimeout): expected a number of seconds from 1 to 3600")
        }
        if board != nil && members != nil {
            throw ValidationError("--members is the board's own with --board: the board judges against its members file")
        }
        if packet.hasSuffix(".tar.gz") || packet.hasSuffix(".tgz") {
            throw ValidationError("approve the packet folder (evidence/CHANGE/RUN), not its archive: the record is stored inside it")
        }
    }

    func run() async throws {
        if let board { return try await reportingErrors { try await fileThroughBoard(board) } }
        try await reportingErrors {
            let board = try BoardFiles.requiredBoard(members)
            let ring = KeyRing(environment: try CLIContext.environment())
            let desk = ApprovalDesk(board: board, trustedKeys: try ring.trustedKeys(override: trustedKeys))
            let chosen = chosenDecision
            let emergency = justification.map { EmergencyDetails(justification: $0, incident: incident ?? "") }
            let record = try desk.decide(
                ApprovalRequest(
                    packet: packet, memberID: member, signingKey: try SigningKey(contentsOfFile: key),
                    decision: chosen, conditions: conditions, comment: comment, emergency: emergency))
            let status = try desk.status(of: packet)
            if output.json {
                return try Console.json([
                    "record": record.path, "decision": record.decision.rawValue, "state": status.state.rawValue,
                    "summary": status.summary,
                ])
            }
            Console.out("recorded \(record.decision.rawValue) by \(record.approver) (\(record.role)): \(packet)/\(record.path)")
            if let due = record.postImplementationReviewDue { Console.out("post-implementation review due \(due)") }
            Console.out("change \(record.change): \(status.state.rawValue) — \(status.summary)")
        }
    }

    /// The packet the draft is about must be one this machine's trusted signers signed: otherwise a
    /// board could have the member approve a look-alike packet. Without trusted keys here, say so.
    private func checkPacketSignature(manifest: Data, signature: Data) throws {
        let ring = KeyRing(environment: try CLIContext.environment())
        guard let trusted = try? ring.trustedKeys(override: trustedKeys), !trusted.keys.isEmpty else {
            Console.err(
                "patchlab: note: no trusted packet-signer keys here (\(ring.trustedDirectory)), so the packet's signature was not "
                    + "checked on this machine; `patchlab keys trust SIGNER.pub --name NAME` makes it so")
            return
        }
        let envelope = try DSSEEnvelope.decode(signature)
        _ = try envelope.verify(with: trusted)
        guard envelope.payload == manifest else {
            throw ValidationError("the board's manifest.json is not the one its signature covers; nothing was signed")
        }
    }

    private var chosenDecision: ApprovalDecision { decision == .approve && conditions != nil ? .approveWithConditions : decision }

    /// Signs in, gets the draft, checks it says what was asked and names this key, signs it here and
    /// files the signed record. The private key is never sent.
    private func fileThroughBoard(_ address: String) async throws {
        let client = try BoardAPIClient(address, deadline: .seconds(boardTimeout))
        let signingKey = try SigningKey(contentsOfFile: key)
        let parts = packet.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { throw ValidationError("with --board, name the packet as CHANGE/RUN (as the board lists it)") }
        let (change, run) = (parts[parts.count - 2], parts[parts.count - 1])
        let session = try await client.signIn(member: member, secret: try BoardSecret.read(file: secretFile, member: member))
        do {
            var input: [String: Any] = ["decision": chosenDecision.rawValue, "member": member]
            if let conditions { input["conditions"] = conditions }
            if let comment { input["comment"] = comment }
            if let justification { input["emergency"] = ["justification": justification, "incident": incident ?? ""] }
            let draft = try await client.draft(change: change, run: run, input: input, session: session)
            guard draft.keyid == signingKey.publicKey.keyID else {
                throw ValidationError(
                    "\(key) is not the key the board registers for \(member) (keyid \(draft.keyid.prefix(16))…); nothing was signed")
            }
            // Strict JSON (no key twice), the approval predicate, and everything in it as asked.
            let statement = try InTotoStatement<ApprovalPredicate>.decode(draft.payload, predicateType: ApprovalPredicate.predicateType)
            let manifest = try await client.packetFile(change: change, run: run, path: PacketLayout.manifest, session: session)
            let signature = try await client.packetFile(change: change, run: run, path: PacketLayout.manifestSignature, session: session)
            let differences = DraftCheck(
                member: member, change: change, run: run, decision: chosenDecision, conditions: conditions,
                comment: comment, emergency: justification.map { EmergencyDetails(justification: $0, incident: incident ?? "") },
                keyID: signingKey.publicKey.keyID, now: Date()
            )
            .differences(payloadType: draft.payloadType, statement: statement, manifest: manifest)
            guard differences.isEmpty else {
                throw ValidationError(
                    "the board drafted a record that is not the decision asked for (\(differences.joined(separator: ", "))); "
                        + "nothing was signed")
            }
            try checkPacketSignature(manifest: manifest, signature: signature)
            let envelope = try DSSEEnvelope.sign(payload: draft.payload, payloadType: draft.payloadType, with: signingKey)
            let filed = try await client.file(change: change, run: run, envelope: envelope, session: session)
            await client.signOut(session)
            if output.json {
                return try Console.json([
                    "record": filed.path, "decision": chosenDecision.rawValue, "state": filed.state, "summary": filed.summary,
                ])
            }
            Console.out("recorded \(chosenDecision.rawValue) by \(member) on \(address): \(change)/\(run)/\(filed.path)")
            Console.out("change \(change): \(filed.state) — \(filed.summary)")
        } catch {
            await client.signOut(session)
            throw error
        }
    }
}

extension ApprovalDecision: ExpressibleByArgument {}
