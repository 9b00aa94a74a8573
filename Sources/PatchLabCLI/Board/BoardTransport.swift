import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The HTTP under ``BoardAPIClient``, distrustful of the board it talks to: no redirect is followed
/// (a board that sends the member's token elsewhere gets nothing), and an answer is cut off past
/// ``maximumBytes`` (a board that answers without end cannot fill the member's memory), and an
/// answer not complete within ``deadline`` is given up (the request's own timeout is an *idle* one:
/// a board trickling a byte a minute would keep the command waiting for days). A draft or a decision
/// is a few KiB.
final class BoardTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    static let maximumBytes = 1 << 20
    static let defaultDeadline: Duration = .seconds(60)

    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "the board's answer passed \(BoardTransport.maximumBytes) bytes; it was cut off" }
    }

    struct TooSlow: Error, CustomStringConvertible {
        var deadline: Duration
        var description: String {
            "the board did not answer in full within \(deadline.components.seconds) s (--board-timeout); it was cut off"
        }
    }

    /// How long one request may take in all, from sending to the last byte of the answer.
    let deadline: Duration

    init(deadline: Duration = BoardTransport.defaultDeadline) {
        self.deadline = deadline
    }

    private let lock = NSLock()
    private var buffers: [Int: Data] = [:]
    private var continuations: [Int: CheckedContinuation<(Int, Data), any Error>] = [:]
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    func send(_ request: URLRequest) async throws -> (Int, Data) {
        try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.withLock {
                continuations[task.taskIdentifier] = continuation
                buffers[task.taskIdentifier] = Data()
            }
            task.resume()
            let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self, deadline] in
                guard let self else { return }
                // Completes only a task still waiting: complete(_:with:) resumes each continuation once.
                self.complete(task, with: .failure(TooSlow(deadline: deadline)))
                task.cancel()
            }
        }
    }

    func finish() { session.finishTasksAndInvalidate() }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            buffers[dataTask.taskIdentifier, default: Data()].append(data)
            return (buffers[dataTask.taskIdentifier]?.count ?? 0) > Self.maximumBytes
        }
        if tooLarge { complete(dataTask, with: .failure(TooLarge())); dataTask.cancel() }
    }

    /// The redirect is the answer: the caller sees its status and refuses it. The task is ended here
    /// rather than left to finish, since FoundationNetworking may then wait out the request's timeout.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        complete(task, with: .success((response.statusCode, Data())))
        completionHandler(nil)
        task.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            complete(task, with: .failure(error))
        } else {
            let status = (task.response as? HTTPURLResponse)?.statusCode ?? 0
            complete(task, with: .success((status, lock.withLock { buffers[task.taskIdentifier] ?? Data() })))
        }
    }

    private func complete(_ task: URLSessionTask, with result: Result<(Int, Data), any Error>) {
        let continuation = lock.withLock { () -> CheckedContinuation<(Int, Data), any Error>? in
            buffers[task.taskIdentifier] = nil
            return continuations.removeValue(forKey: task.taskIdentifier)
        }
        continuation?.resume(with: result)
    }
}
