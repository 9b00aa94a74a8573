import Foundation

/// An exclusive `flock` on a packet folder for as long as a decision is being judged and written:
/// the board and a `patchlab approve` on the same packet at the same moment must not both judge the
/// same records and then both write. The lock is on the folder itself, so no lock file appears in
/// the packet (a stray that verify would have to name).
struct FolderLock {
    private let descriptor: Int32

    /// How long to wait for another filing to finish. A decision takes seconds; anyone who can read
    /// the folder can also take the lock and keep it, so the wait is bounded and the answer is "busy".
    static let patience: Duration = .seconds(15)

    init(_ folder: String, patience: Duration = FolderLock.patience) throws {
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PacketError.unreadable(folder) }
        let deadline = ContinuousClock.now + patience
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw PacketError.invalid(
                    folder, reason: "another decision on this packet is being filed (its folder is locked); try again in a moment")
            }
            usleep(50_000)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
