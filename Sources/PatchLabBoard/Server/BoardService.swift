import Foundation
import Logging
import PatchLabEvidence
import PatchLabModel

/// What the routes ask of the board, the same for the pages and the API: the list, one packet, a
/// decision, a sign-in. It holds the catalog, the desk and the sessions; the routes only translate
/// HTTP to these calls and back.
struct BoardService: Sendable {
    let settings: BoardSettings
    let catalog: PacketCatalog
    let desk: BoardDesk
    let sessions: SessionStore
    let throttle: SignInThrottle
    /// Where errors too detailed for an answer go (``FailureLog``).
    let failures: FailureLog

    /// How a sign-in went.
    enum SignIn {
        case signedIn(token: String, session: BoardSession, member: BoardMember)
        /// Wrong member id or secret, or a member without a secret: one answer for all three.
        case refused
        /// Too many wrong secrets for this member id, or from this address, lately; the secret was not checked.
        case throttled(retryAfterSeconds: Int, scope: SignInThrottle.Scope)
    }

    init(settings: BoardSettings, logger: Logger) {
        self.settings = settings
        catalog = PacketCatalog(root: settings.evidence)
        desk = BoardDesk(board: settings.board, trustedKeys: settings.trustedKeys, now: settings.now)
        sessions = SessionStore(lifetime: settings.sessionLifetime, now: settings.now)
        throttle = SignInThrottle(now: settings.now)
        failures = FailureLog(logger: logger)
    }

    /// Every packet, in the board's order; a packet that cannot be read is left out of the list (its
    /// page says why).
    func entries() async -> [PacketEntry] {
        var entries: [PacketEntry] = []
        for location in catalog.all() {
            if let entry = try? await entry(location) { entries.append(entry) }
        }
        return entries.sorted(by: PacketEntry.inBoardOrder)
    }

    func detail(change: String, run: String) async throws -> PacketDetail {
        let location = try catalog.locate(change: change, run: run)
        let (overview, status) = try await read(location)
        let verification: PacketVerification
        do { verification = try await desk.verify(location.folder) } catch {
            throw failures.withhold(
                .unprocessableContent, "packet \(location.change)/\(location.run) cannot be verified", cause: "\(error)")
        }
        let entry = PacketEntry(location: location, overview: overview, status: status, intact: verification.isIntact, now: settings.now())
        var detail = PacketDetail(
            entry: entry,
            overview: overview, status: status, verification: verification,
            evidence: await desk.evidenceFiles(of: location.folder))
        detail.integrity.problems = detail.integrity.problems.map(failures.publicProblem)
        return detail
    }

    /// A packet file the board may serve (see ``PacketFile/resolve(_:in:evidence:)``), or a 404.
    func file(change: String, run: String, components: [String]) async throws -> PacketFile.Resolved {
        let location = try catalog.locate(change: change, run: run)
        return try PacketFile.resolve(components, in: location.folder, evidence: await desk.evidenceFiles(of: location.folder))
    }

    /// The statement `signedIn` is to sign for `input` about the packet.
    func draft(change: String, run: String, input: DecisionInput, signedIn: SignedInMember) async throws -> DecisionDraft {
        let location = try catalog.locate(change: change, run: run)
        let intent = try input.intent(packet: location.folder, memberID: signedIn.member.id, at: settings.now())
        do {
            return try DecisionDraft(try await desk.draft(intent))
        } catch let refusal as ApprovalRefusal {
            throw BoardError(.unprocessableContent, refusal.message)
        }
    }

    /// Files a signed record by `signedIn` about the packet: it counts, or nothing is written.
    func file(change: String, run: String, envelope: Data, signedIn: SignedInMember) async throws -> ApprovalRecord {
        let location = try catalog.locate(change: change, run: run)
        let decoded: DSSEEnvelope
        do { decoded = try DSSEEnvelope.decode(envelope) } catch {
            throw BoardError(.badRequest, "the body is not a DSSE envelope of a signed approval record")
        }
        do {
            return try await desk.file(decoded, packet: location.folder, by: signedIn.member.id)
        } catch let refusal as ApprovalRefusal {
            throw refusal.boardError(failures)
        }
    }

    /// Signs `member` in from `client` (``BoardContext/clientAddress``), within the throttle's limits.
    func signIn(member: String, secret: String, kind: BoardSession.Kind, client: String) async -> SignIn {
        let ticket: SignInThrottle.Ticket
        switch await throttle.admit(member: member, address: client) {
        case let .admitted(admitted): ticket = admitted
        case let .throttled(wait, scope): return .throttled(retryAfterSeconds: max(1, Int(wait.rounded(.up))), scope: scope)
        }
        // A wrong secret leaves the reserved attempt counted as a failure.
        guard let found = await SecretCheck.member(member, secret: secret, board: settings.board, observer: settings.onSecretCheck) else {
            return .refused
        }
        await throttle.succeeded(ticket)
        let (token, session) = await sessions.open(memberID: found.id, kind: kind)
        return .signedIn(token: token, session: session, member: found)
    }

    /// The list's line for a packet. Where the board stands is only said of a packet that still
    /// verifies: a packet changed after its approval is listed as unverified, not approved (the list
    /// and `GET /api/packets` are what a deployment pipeline polls).
    private func entry(_ location: PacketCatalog.Location) async throws -> PacketEntry {
        let (overview, status) = try await read(location)
        let intact = (try? await desk.verify(location.folder))?.isIntact ?? false
        return PacketEntry(location: location, overview: overview, status: status, intact: intact, now: settings.now())
    }

    private func read(_ location: PacketCatalog.Location) async throws -> (PacketOverview, ApprovalStatus) {
        do {
            let overview = try PacketReader.overview(ofFolder: location.folder)
            return (overview, try await desk.status(of: location.folder))
        } catch let error as BoardError {
            throw error
        } catch {
            // The error names the packet's folder and why it failed: for the log, not for the page.
            throw failures.withhold(.unprocessableContent, "packet \(location.change)/\(location.run) cannot be read", cause: "\(error)")
        }
    }
}
