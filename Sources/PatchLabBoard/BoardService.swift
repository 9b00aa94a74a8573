import Foundation
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

    /// How a sign-in went.
    enum SignIn {
        case signedIn(token: String, session: BoardSession, member: BoardMember)
        /// Wrong member id or secret, or a member without a secret: one answer for all three.
        case refused
        /// Too many wrong secrets for this member id lately; the secret was not checked.
        case throttled(retryAfterSeconds: Int)
    }

    init(settings: BoardSettings) {
        self.settings = settings
        catalog = PacketCatalog(root: settings.evidence)
        desk = BoardDesk(board: settings.board, trustedKeys: settings.trustedKeys)
        sessions = SessionStore(lifetime: settings.sessionLifetime, now: settings.now)
        throttle = SignInThrottle(now: settings.now)
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
        let verification = try await desk.verify(location.folder)
        return PacketDetail(entry: PacketEntry(location: location, overview: overview, status: status, now: settings.now()),
                            overview: overview, status: status, verification: verification)
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
            throw BoardError(.unprocessableContent, refusal.message)
        }
    }

    func signIn(member: String, secret: String, kind: BoardSession.Kind) async -> SignIn {
        if let wait = await throttle.retryAfter(member: member) { return .throttled(retryAfterSeconds: max(1, Int(wait.rounded(.up)))) }
        guard let found = await SecretCheck.member(member, secret: secret, board: settings.board) else {
            await throttle.failed(member: member)
            return .refused
        }
        await throttle.succeeded(member: member)
        let (token, session) = await sessions.open(memberID: found.id, kind: kind)
        return .signedIn(token: token, session: session, member: found)
    }

    private func entry(_ location: PacketCatalog.Location) async throws -> PacketEntry {
        let (overview, status) = try await read(location)
        return PacketEntry(location: location, overview: overview, status: status, now: settings.now())
    }

    private func read(_ location: PacketCatalog.Location) async throws -> (PacketOverview, ApprovalStatus) {
        do {
            let overview = try PacketReader.overview(ofFolder: location.folder)
            return (overview, try await desk.status(of: location.folder))
        } catch let error as BoardError {
            throw error
        } catch {
            throw BoardError(.unprocessableContent, "packet \(location.change)/\(location.run) cannot be read: \(error)")
        }
    }
}
