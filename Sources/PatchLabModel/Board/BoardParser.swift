import Foundation

/// Turns a board members document into a ``BoardConfiguration``, reporting every problem.
struct BoardParser {
    static let boardKeys = ["board", "members", "quorum", "standard_templates"]
    static let memberKeys = ["id", "name", "roles", "public_key", "secret", "packet_signer_keys"]
    static let quorumKeys = ["normal", "emergency", "no_go_emergency"]
    static let templateKeys = ["id", "change_sha256"]

    let reader: YAMLReader
    let fileExists: (String) -> Bool

    func parse() -> BoardConfiguration? {
        guard let document = reader.document(of: "board", keys: Self.boardKeys) else { return nil }
        let name = document.required("board")?.singleLine()
        let members = document.required("members").flatMap(parseMembers)
        let quorum = parseQuorum(document.optional("quorum"))
        let templates = parseTemplates(document.optional("standard_templates"))
        guard let name, let members, let quorum, let templates else { return nil }
        return BoardConfiguration(name: name.value, members: members, quorum: quorum, standardTemplates: templates, file: reader.file)
    }

    private func parseMembers(_ value: YAMLValue) -> [BoardMember]? {
        guard let items = value.list() else { return nil }
        if items.isEmpty {
            value.error("expected at least one member, found an empty list")
            return nil
        }
        var members: [BoardMember] = []
        var byID: [String: BoardMember] = [:]
        var complete = true
        for item in items {
            guard let member = parseMember(item) else { complete = false; continue }
            if let first = byID[member.id] {
                reader.error(
                    "member '\(member.id)' listed twice (first at line \(first.location.line)); expected each member once",
                    at: member.location)
                complete = false
                continue
            }
            byID[member.id] = member
            members.append(member)
        }
        return complete ? members : nil
    }

    private func parseMember(_ item: YAMLValue) -> BoardMember? {
        guard let fields = item.mapping(of: "member", keys: Self.memberKeys) else { return nil }
        let id = fields.required("id")?.string(expected: BoardNameRules.idShape, where: BoardNameRules.isValidMemberID)
        let name = fields.required("name")?.singleLine()
        let roles = fields.required("roles").flatMap(parseRoles)
        let key = fields.required("public_key").flatMap { keyFile($0, what: "public key") }
        let signerValue = fields.optional("packet_signer_keys")
        let signerKeys = signerValue.flatMap(parseSignerKeys)
        let secretValue = fields.optional("secret")
        let secret = secretValue?.string(expected: BoardNameRules.secretShape, where: BoardNameRules.isValidSecretHash)
        guard let id, let name, let roles, let key, secretValue == nil || secret != nil,
            signerValue == nil || signerKeys != nil
        else { return nil }
        return BoardMember(
            id: id.value, name: name.value, roles: roles, publicKeyPath: key, secretHash: secret?.value,
            signerKeyPaths: signerKeys ?? [], location: fields.location)
    }

    /// `packet_signer_keys: [keys/alice-lab.pub, …]`: the packet-signer keys the member owns.
    private func parseSignerKeys(_ value: YAMLValue) -> [String]? {
        guard let items = value.isList ? value.list() : [value] else { return nil }
        let paths = items.map { keyFile($0, what: "packet-signer key") }
        return paths.contains(nil) ? nil : paths.compactMap { $0 }
    }

    /// A key file named relative to the members file, which must exist.
    private func keyFile(_ value: YAMLValue, what: String) -> String? {
        guard let text = value.path() else { return nil }
        let absolute = PlanPaths.absolute(PlanPaths.resolve(text.value, relativeTo: reader.file))
        guard fileExists(absolute) else {
            value.error(
                "\(what) '\(text.value)' \(InputFile.absence(of: absolute, shown: absolute)); expected a PEM public key file, "
                    + "relative to the members file's folder")
            return nil
        }
        return absolute
    }

    private func parseRoles(_ value: YAMLValue) -> Set<BoardRole>? {
        guard let items = value.isList ? value.list() : [value] else { return nil }
        var roles: Set<BoardRole> = []
        var complete = true
        for item in items {
            guard let role = item.oneOf(BoardRole.self) else { complete = false; continue }
            roles.insert(role.value)
        }
        if complete && roles.isEmpty {
            value.error("expected at least one role (\(BoardRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return complete ? roles : nil
    }

    private func parseQuorum(_ value: YAMLValue?) -> ApprovalQuorum? {
        guard let value, !value.isNull else { return ApprovalQuorum() }
        guard let fields = value.mapping(of: "quorum", keys: Self.quorumKeys) else { return nil }
        let defaults = ApprovalQuorum()
        let normal = fields.optional("normal").map { $0.int(in: 1...20) }
        let emergency = fields.optional("emergency").map { $0.int(in: 1...20) }
        let noGo = fields.optional("no_go_emergency").map { $0.int(in: 2...20) }
        if normal == .some(nil) || emergency == .some(nil) || noGo == .some(nil) { return nil }
        return ApprovalQuorum(
            normal: normal??.value ?? defaults.normal, emergency: emergency??.value ?? defaults.emergency,
            noGoEmergency: noGo??.value ?? defaults.noGoEmergency)
    }

    private func parseTemplates(_ value: YAMLValue?) -> [StandardTemplate]? {
        guard let value, !value.isNull else { return [] }
        guard let items = value.list() else { return nil }
        var templates: [StandardTemplate] = []
        var firstAt: [String: SourceLocation] = [:]
        var complete = true
        for item in items {
            guard let fields = item.mapping(of: "standard template", keys: Self.templateKeys),
                let id = fields.required("id")?.singleLine(),
                let digest = fields.required("change_sha256")?.string(
                    expected: ChangeNameRules.sha256Shape,
                    where: ChangeNameRules.isValidSHA256)
            else {
                complete = false
                continue
            }
            if let first = firstAt[id.value] {
                reader.error(
                    "standard template '\(id.value)' listed twice (first at line \(first.line)); "
                        + "expected each template id once", at: id.location)
                complete = false
                continue
            }
            firstAt[id.value] = id.location
            templates.append(StandardTemplate(id: id.value, changeSHA256: digest.value, location: fields.location))
        }
        return complete ? templates : nil
    }
}
