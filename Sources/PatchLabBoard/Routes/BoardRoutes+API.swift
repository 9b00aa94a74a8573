import Foundation
import Hummingbird
import PatchLabModel

/// The JSON API (`docs/board-openapi.yaml`): the same actions as the pages, for scripts and tools.
extension BoardRoutes {
    struct SignInRequest: Codable, Sendable {
        var member: String
        var secret: String
    }

    struct SignInResponse: Codable, Sendable {
        struct Member: Codable, Sendable {
            var id: String
            var name: String
            var roles: [String]
        }

        var token: String
        var csrfToken: String
        var expiresAt: Date
        var member: Member
    }

    struct PacketList: Codable, Sendable {
        var packets: [PacketEntry]
    }

    struct DecisionResponse: Codable, Sendable {
        var decision: PacketDetail.Decision
        var packet: PacketEntry
    }

    func addAPI(to router: Router<BoardContext>) {
        router.post("/api/sign-in") { request, context in
            var request = request
            let body = try await APIJSON.decode(SignInRequest.self, from: &request, context: context)
            let token: String, session: BoardSession, member: BoardMember
            switch await service.signIn(member: body.member, secret: body.secret, kind: .api, client: context.clientAddress) {
            case let .signedIn(signedToken, signedSession, signedMember):
                (token, session, member) = (signedToken, signedSession, signedMember)
            case .refused: throw BoardError(.unauthorized, "member id or secret is wrong, or this member has no board secret")
            case let .throttled(seconds, scope): throw BoardError.signInThrottled(retryAfter: seconds, scope: scope)
            }
            return try APIJSON.response(
                SignInResponse(
                    token: token, csrfToken: session.csrfToken, expiresAt: session.expiresAt,
                    member: .init(id: member.id, name: member.name, roles: member.roles.map(\.rawValue).sorted())))
        }
        router.post("/api/sign-out") { request, context in
            _ = try requireMember(context)
            if let bearer = request.headers.bearer { await service.sessions.close(token: bearer.token) }
            return Response(status: .noContent)
        }
        router.get("/api/packets") { _, context in
            _ = try requireMember(context)
            return try APIJSON.response(PacketList(packets: await service.entries()))
        }
        router.get("/api/packets/{change}/{run}") { _, context in
            _ = try requireMember(context)
            let (change, run) = try packetName(context)
            return try APIJSON.response(try await service.detail(change: change, run: run))
        }
        // A decision is drafted here, signed where the member's key is, and filed signed: no request
        // to the board ever carries a private key, and one that tries is refused unread.
        router.post("/api/packets/{change}/{run}/decision-drafts") { request, context in
            let signedIn = try requireMember(context)
            let (change, run) = try packetName(context)
            var request = request
            let body = try await APIJSON.body(of: &request, context: context)
            let input = try APIJSON.decode(DecisionInput.self, from: body)
            return try APIJSON.response(try await service.draft(change: change, run: run, input: input, signedIn: signedIn))
        }
        router.post("/api/packets/{change}/{run}/decisions") { request, context in
            let signedIn = try requireMember(context)
            let (change, run) = try packetName(context)
            var request = request
            let body = try await APIJSON.body(of: &request, context: context)
            let record = try await service.file(change: change, run: run, envelope: body, signedIn: signedIn)
            let detail = try await service.detail(change: change, run: run)
            return try APIJSON.response(
                DecisionResponse(decision: PacketDetail.Decision(record), packet: detail.packet),
                status: .created)
        }
    }
}
