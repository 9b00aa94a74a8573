import PatchLabModel
import Testing

@testable import PatchLabBoard

/// An unknown member id is checked against a decoy hash of the same cost as the board's own
/// hashes: the same work as a real member's wrong secret, whatever cost the board chose.
@Suite struct SecretDecoyTests {
    @Test func theDecoyCostsWhatTheMembersHashesCost() throws {
        let fixture = try BoardFixture()  // members' secrets hashed at cost 4
        let costs = fixture.board.members.compactMap { $0.secretHash.flatMap(SecretCheck.cost(of:)) }
        #expect(!costs.isEmpty && costs.allSatisfy { $0 == 4 })
        #expect(SecretCheck.cost(of: SecretCheck.decoy(for: fixture.board)) == 4)
    }

    @Test func aBoardWithoutSecretsUsesTheDefaultCost() throws {
        var board = try BoardFixture().board
        for index in board.members.indices { board.members[index].secretHash = nil }
        #expect(SecretCheck.cost(of: SecretCheck.decoy(for: board)) == SecretCheck.cost)
    }

    @Test(arguments: [
        ("$2b$12$abcdefghijklmnopqrstuu", UInt8(12)), ("$2a$04$x", 4), ("$2y$31$x", 31),
    ])
    func costsAreReadFromBcryptHashes(_ hash: String, _ cost: UInt8) {
        #expect(SecretCheck.cost(of: hash) == cost)
    }

    @Test(arguments: ["", "$2b$", "$2b$3$x", "$2b$03$x", "$2b$32$x", "$1$12$x", "2b$12$x", "$2b$1x$x"])
    func anythingElseHasNoCost(_ hash: String) {
        #expect(SecretCheck.cost(of: hash) == nil)
    }
}
