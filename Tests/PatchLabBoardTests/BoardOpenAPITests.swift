import Foundation
import PatchLabBoard
import PatchLabEvidence
import Testing
import Yams
import PatchLabTestSupport

/// `docs/board-openapi.yaml` against the running board: every documented path and method is
/// exercised, every answer's status is one the document lists (and every listed status is seen),
/// and every JSON answer validates against the documented schema, checked by an independent
/// validator (python3's `jsonschema`, draft 2020-12 as OpenAPI 3.1 uses).
@Suite struct BoardOpenAPITests {
    struct Exchange {
        var method: String
        /// The documented path (`/api/packets/{change}/{run}`).
        var path: String
        var status: Int
        var contentType: String?
        var body: Data
    }

    static let specPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/board-openapi.yaml").standardized.path

    @Test func theServerAnswersAsTheOpenAPIDocumentSays() async throws {
        let spec = try #require(try Yams.load(yaml: String(contentsOfFile: Self.specPath, encoding: .utf8)) as? [String: Any])
        #expect(spec["openapi"] as? String == "3.1.0")
        let fixture = try BoardFixture()
        let batch = try fixture.addBatch()
        let exchanges = try await RunningBoard.with(fixture.settings()) { board in
            var log = try await exercise(board, fixture)
            // A batch's packet, with its patches' verdicts.
            let answer = try await board.client.get(batch.api, token: try await board.apiSignIn("dave").token)
            log.append(
                Exchange(
                    method: "GET", path: "/api/packets/{change}/{run}", status: answer.status,
                    contentType: answer.header("Content-Type"), body: answer.body))
            return log
        }

        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        var documented: [String: Set<Int>] = [:]
        for (path, item) in paths {
            for (method, operation) in item where ["get", "post", "put", "patch", "delete"].contains(method) {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any])
                documented["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap { Int($0) })
            }
        }
        let seen = Dictionary(grouping: exchanges) { "\($0.method) \($0.path)" }
        #expect(Set(seen.keys) == Set(documented.keys), "every documented operation, and only those, is exercised")
        for (operation, statuses) in documented {
            let answered = Set(seen[operation]?.map(\.status) ?? [])
            #expect(answered.isSubset(of: statuses), "\(operation) answered \(answered.subtracting(statuses)), not documented")
            #expect(statuses.isSubset(of: answered), "\(operation): documented \(statuses.subtracting(answered)) never seen")
        }

        var cases: [[String: Any]] = []
        for exchange in exchanges {
            let operation = paths[exchange.path]?[exchange.method.lowercased()] as? [String: Any]
            guard var response = (operation?["responses"] as? [String: Any])?[String(exchange.status)] as? [String: Any] else { continue }
            if let ref = response["$ref"] as? String { response = try #require(Self.resolve(ref, in: spec) as? [String: Any]) }
            guard let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] else {
                #expect(exchange.body.isEmpty, "\(exchange.method) \(exchange.path) \(exchange.status) has an undocumented body")
                continue
            }
            #expect(exchange.contentType?.hasPrefix("application/json") == true, "\(exchange.method) \(exchange.path) \(exchange.status)")
            let body = try JSONSerialization.jsonObject(with: exchange.body)
            cases.append(["label": "\(exchange.method) \(exchange.path) \(exchange.status)", "schema": schema, "body": body])
        }
        #expect(cases.count >= 15)
        try validate(cases, spec: spec)
    }

    /// Every documented operation, in the states that give each documented status.
    func exercise(_ board: RunningBoard, _ fixture: BoardFixture) async throws -> [Exchange] {
        var log: [Exchange] = []
        let client = board.client
        func record(_ method: String, _ path: String, _ answer: BoardClient.Answer) {
            log.append(
                Exchange(method: method, path: path, status: answer.status, contentType: answer.header("Content-Type"), body: answer.body))
        }
        let signIn = "/api/sign-in", list = "/api/packets", packet = "/api/packets/{change}/{run}"
        let decisions = "/api/packets/{change}/{run}/decisions", signOut = "/api/sign-out"

        let good = try await client.postJSON(signIn, ["member": "alice", "secret": BoardFixture.secret("alice")])
        record("POST", signIn, good)
        let token = try #require(try good.json()["token"] as? String), csrf = try #require(try good.json()["csrfToken"] as? String)
        record("POST", signIn, try await client.postJSON(signIn, ["member": "alice", "secret": "wrong"]))
        record("POST", signIn, try await client.send("POST", signIn, headers: ["Content-Type": "application/json"], body: Data("{".utf8)))
        record(
            "POST", signIn,
            try await client.send(
                "POST", signIn, headers: ["Content-Type": "application/json", "Origin": "http://evil.example"],
                body: Data(#"{"member":"alice","secret":"alice-secret"}"#.utf8)))
        for _ in 1...5 { _ = try await client.postJSON(signIn, ["member": "erin", "secret": "wrong"]) }
        record("POST", signIn, try await client.postJSON(signIn, ["member": "erin", "secret": "wrong"]))

        record("GET", list, try await client.get(list))
        record("GET", list, try await client.get(list, token: token))

        record("GET", packet, try await client.get(fixture.go.api))
        record("GET", packet, try await client.get(fixture.go.api, token: token))
        record("GET", packet, try await client.get("/api/packets/CHG-9999/run-1", token: token))

        let drafts = "/api/packets/{change}/{run}/decision-drafts"
        func draftAndSign(_ packet: BoardFixture.Packet, _ fields: [String: Any]) async throws -> Data {
            let draft = try await client.postJSON("\(packet.api)/decision-drafts", fields, token: token, csrf: csrf)
            record("POST", drafts, draft)
            let json = try draft.json()
            let encoded = try #require(json["payload"] as? String)
            let payload = try #require(Data(base64Encoded: encoded))
            return try DSSEEnvelope.sign(
                payload: payload, payloadType: try #require(json["payloadType"] as? String),
                with: fixture.keys["alice"]!
            ).encoded()
        }
        func file(_ path: String, _ body: Data, token: String?, csrf: String?) async throws -> BoardClient.Answer {
            var headers = BoardClient.credentials(cookie: nil, token: token)
            headers["Content-Type"] = "application/json"
            if let csrf { headers["X-CSRF-Token"] = csrf }
            return try await client.send("POST", path, headers: headers, body: body)
        }
        let approve: [String: Any] = ["decision": "approve", "comment": "ok"]
        record("POST", drafts, try await client.postJSON("\(fixture.go.api)/decision-drafts", approve))
        record("POST", drafts, try await client.postJSON("\(fixture.go.api)/decision-drafts", approve, token: token))
        record(
            "POST", drafts, try await client.postJSON("\(fixture.go.api)/decision-drafts", ["decision": "maybe"], token: token, csrf: csrf))
        record("POST", drafts, try await client.postJSON("/api/packets/CHG-9999/run-1/decision-drafts", approve, token: token, csrf: csrf))
        record("POST", drafts, try await client.postJSON("\(fixture.noGo.api)/decision-drafts", approve, token: token, csrf: csrf))
        let signed = try await draftAndSign(fixture.go, approve)
        record("POST", decisions, try await file("\(fixture.go.api)/decisions", signed, token: nil, csrf: nil))
        record("POST", decisions, try await file("\(fixture.go.api)/decisions", signed, token: token, csrf: nil))
        record("POST", decisions, try await file("\(fixture.go.api)/decisions", Data("{}".utf8), token: token, csrf: csrf))
        record("POST", decisions, try await file("/api/packets/CHG-9999/run-1/decisions", signed, token: token, csrf: csrf))
        record("POST", decisions, try await file("\(fixture.go.api)/decisions", signed, token: token, csrf: csrf))
        record("POST", decisions, try await file("\(fixture.go.api)/decisions", signed, token: token, csrf: csrf))
        let emergency: [String: Any] = ["decision": "approve", "emergency": ["justification": "exploited", "incident": "INC-1"]]
        record(
            "POST", decisions,
            try await file(
                "\(fixture.noGo.api)/decisions", try await draftAndSign(fixture.noGo, emergency),
                token: token, csrf: csrf))
        // The packets again, now with decisions in them.
        record("GET", packet, try await client.get(fixture.go.api, token: token))
        record("GET", packet, try await client.get(fixture.noGo.api, token: token))
        record("GET", list, try await client.get(list, token: token))

        record("POST", signOut, try await client.postJSON(signOut, [:]))
        record("POST", signOut, try await client.postJSON(signOut, [:], token: token))
        record("POST", signOut, try await client.postJSON(signOut, [:], token: token, csrf: csrf))
        return log
    }

    static func resolve(_ ref: String, in spec: [String: Any]) -> Any? {
        ref.dropFirst(2).split(separator: "/").reduce(spec as Any?) { node, key in (node as? [String: Any])?[String(key)] }
    }

    func validate(_ cases: [[String: Any]], spec: [String: Any]) throws {
        let python = try #require(ToolProcess.find(["python3"]), "python3 with jsonschema is needed (scripts/setup installs it)")
        let folder = try TemporaryDirectory("openapi")
        try JSONSerialization.data(withJSONObject: spec).write(to: folder.url.appendingPathComponent("spec.json"))
        try JSONSerialization.data(withJSONObject: cases).write(to: folder.url.appendingPathComponent("cases.json"))
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator, FormatChecker
            spec = json.load(open(sys.argv[1])); cases = json.load(open(sys.argv[2])); problems = []
            for case in cases:
                schema = dict(case["schema"]); schema["components"] = spec["components"]
                Draft202012Validator.check_schema(schema)
                for error in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(case["body"]):
                    problems.append(case["label"] + ": " + error.json_path + ": " + error.message)
            print("\\n".join(problems)); print(len(cases), "validated")
            sys.exit(1 if problems else 0)
            """
        let outcome = try ToolProcess.run(
            python, ["-c", script, folder.path("spec.json"), folder.path("cases.json")], timeout: .seconds(120))
        #expect(outcome.status == 0 && !outcome.timedOut, "\(outcome.stdoutText)\n\(outcome.summary)")
    }
}
