import Foundation

/// The change board (`board/members.yaml`): its members with their roles and public keys, the quorum
/// each kind of change needs, and the pre-approved standard-change templates.
///
/// ```yaml
/// board: Change Advisory Board
/// members:
///   - id: alice                       # [a-z][a-z0-9._-]*
///     name: Alice Example
///     roles: [approver, emergency-authority]   # approver | emergency-authority | observer
///     public_key: keys/alice.pub      # PEM, relative to this file
///     packet_signer_keys: [keys/alice-lab.pub]   # optional: packet-signer keys alice owns; she cannot
///                                     # approve a packet one of them signed (separation of duties)
///     secret: "$2b$12$…"              # optional: bcrypt hash of the web board sign-in secret
/// quorum: {normal: 1, emergency: 1, no_go_emergency: 2}   # optional; these are the defaults
/// standard_templates:                 # optional
///   - {id: STD-0001, change_sha256: 3f2a…}
/// ```
public struct BoardConfiguration: Sendable, Hashable {
    public var name: String
    public var members: [BoardMember]
    public var quorum: ApprovalQuorum
    public var standardTemplates: [StandardTemplate]
    public var file: String
    /// The exact text the configuration was read from (UTF-8), so a verifier can say which members
    /// file it judged approvals against by its digest.
    public var contents: Data = Data()

    public init(
        name: String, members: [BoardMember], quorum: ApprovalQuorum = ApprovalQuorum(),
        standardTemplates: [StandardTemplate] = [], file: String
    ) {
        self.name = name
        self.members = members
        self.quorum = quorum
        self.standardTemplates = standardTemplates
        self.file = file
    }

    public func member(_ id: String) -> BoardMember? { members.first { $0.id == id } }

    /// Reads and validates a members file; every public key file it names must exist. The file and
    /// every key it names decide who may approve, so none may be changeable by another user
    /// (``FilePermissions``): whoever could rewrite `alice.pub` would sign as alice.
    ///
    /// - Throws: ``ModelError`` with every problem found, each at its file:line:column.
    public static func load(contentsOf path: String) throws -> BoardConfiguration {
        if case let .loose(looseness)? = FilePermissions.problem(path) {
            throw ModelError(FilePermissions.explain(path: path, holding: "board members file", looseness), at: .wholeFile(path))
        }
        let board = try parse(yaml: InputFile.text(of: path, what: "board members file"), file: path)
        var problems: [Diagnostic] = []
        for member in board.members {
            for key in [member.publicKeyPath] + member.signerKeyPaths {
                if case let .loose(looseness)? = FilePermissions.problem(key) {
                    problems.append(
                        .error(
                            FilePermissions.explain(path: key, holding: "key file of member \(member.id)", looseness),
                            at: member.location))
                }
            }
        }
        if !problems.isEmpty { throw ModelError(problems) }
        return board
    }

    public static func parse(yaml: String, file: String, fileExists: (String) -> Bool = Change.regularFileExists) throws
        -> BoardConfiguration
    {
        try withoutActuallyEscaping(fileExists) { fileExists in
            let reader = YAMLReader(yaml: yaml, file: file)
            let board = BoardParser(reader: reader, fileExists: fileExists).parse()
            try reader.finish()
            guard var board else { throw ModelError("board members file could not be read", at: .start(of: file)) }
            board.contents = Data(yaml.utf8)
            return board
        }
    }
}
