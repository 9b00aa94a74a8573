import Foundation

/// An exclusive `flock` on a packet folder for as long as a decision is being judged and written:
/// the board and a `patchlab approve` on the same packet at the same moment must not both judge the
/// same records and then both write. The lock is on the folder itself, so no lock file appears in
/// the packet (a stray that verify would have to name).
struct FolderLock {
    private let descriptor: Int32

    init(_ folder: String) throws {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PacketError.unreadable(folder) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw PacketError.unwritable(folder)
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
