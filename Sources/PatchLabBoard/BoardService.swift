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
                            overview: overview, status: status, verification: verification,
                            evidence: await desk.evidenceFiles(of: location.folder))
    }

    /// The path of a packet file the board may serve (see ``PacketFile/resolve(_:in:evidence:)``), or a 404.
    func file(change: String, run: String, components: [String]) async throws -> String {
        let location = try catalog.locate(change: change, run: run)
        return try PacketFile.resolve(components, in: location.folder, evidence: await desk.evidenceFiles(of: location.folder))
    }

    /// Records `input` as the decision of `signedIn` about the packet, signed with the key in it.
    func decide(change: String, run: String, input: DecisionInput, signedIn: SignedInMember) async throws -> ApprovalRecord {
        let location = try catalog.locate(change: change, run: run)
        let request = try input.request(packet: location.folder, memberID: signedIn.member.id, at: settings.now())
        do {
            return try await desk.decide(request)
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
