import Testing
@testable import PatchLabBoard

/// What counts as the server's own detail in a message, which the board logs instead of answering.
@Suite struct BoardPublicTextTests {
    @Test func serverPathsSystemErrorsAndErrorDumpsLeak() {
        for text in [
            "/var/lib/patchlab/evidence/CHG-1/run-1: not an evidence packet",
            "cannot read (/etc/patchlab/board/keys/alice.pub)",
            "manifest.json: No such file or directory",
            "cannot move it into place: Is a directory",
            "Permission denied",
            "Error Domain=NSCocoaErrorDomain Code=260",
            "dataCorrupted(Swift.DecodingError.Context(codingPath: [], debugDescription: \"x\"))",
            "The file “x” couldn’t be opened.",
        ] {
            #expect(PublicText.leaks(text), "\(text)")
        }
    }

    @Test func theBoardsOwnMessagesDoNotLeak() {
        for text in [
            "too many wrong secrets for this member id: try again in 15 minute(s)",
            "alice already decided on this packet (approvals/001-alice-approve.intoto.json)",
            "logs/patch/web-01/stdout: content changed (sha256 0123456789ab…, 12 bytes; manifest says 0123…, 10 bytes)",
            "the rehearsal said NO-GO: it can only be rejected, or approved as an emergency",
            "see http://example.org/runbook", "approve / reject",
        ] {
            #expect(!PublicText.leaks(text), "\(text)")
        }
    }

    @Test func parenthesisedPathNotesAreTakenOut() {
        #expect(
            PublicText.withoutPathNotes("the key given is not alice's registered key (/srv/board/keys/alice.pub)")
                == "the key given is not alice's registered key")
        #expect(PublicText.withoutPathNotes("alice already decided (approvals/001.json)") == "alice already decided (approvals/001.json)")
    }
}
