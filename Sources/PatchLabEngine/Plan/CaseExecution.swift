import Foundation
import Libvirt
import PatchLabModel

/// One test case on one machine: setup, check, expected results, retries with back-off, and the
/// timeout — all enforced here, never left to the guest.
struct CaseExecution: Sendable {
    let testCase: TestCase
    let machine: String
    let channel: any GuestChannel
    let options: PlanRunOptions

    /// What one attempt ended with.
    private struct Attempt {
        var state: ResultState
        var outcomes: [ExpectationOutcome] = []
        var message: String?
        var check: GuestExecResult?
        var logDirectory: String?
    }

    /// A step that could not do its job: the case is an `error` (or `timed-out`), not a failure.
    private struct StepFailure: Error {
        var message: String
        var timedOut = false
    }

    func run() async -> CaseResult {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        var attempt = Attempt(state: .error)
        var attempts = 0
        for number in 1...(1 + testCase.retries) {
            attempts = number
            attempt = await runAttempt(number)
            if attempt.state == .passed || number > testCase.retries { break }
            try? await Task.sleep(for: testCase.delay(beforeRetry: number))
        }
        var state = attempt.state
        var message = attempt.message
        if [.failed, .error, .timedOut].contains(state), let full = await GuestDiskSpace.fullNote(on: channel) {
            message = [message, full].compactMap { $0 }.joined(separator: "; ")
        }
        if [.failed, .timedOut].contains(state), testCase.isWaived(on: Date()), let waiver = testCase.waiver {
            message = "waived (was \(state.rawValue)): \(waiver.justification)"
            state = .waived
        }
        let check = attempt.check
        return CaseResult(
            caseID: testCase.id, title: testCase.title, planID: testCase.planID, machine: machine,
            severity: testCase.severity, state: state, outcomes: attempt.outcomes, message: message,
            stdout: bounded(check?.stdout, total: check?.stdoutBytes),
            stderr: bounded(check?.stderr, total: check?.stderrBytes),
            stdoutLog: attempt.logDirectory.map { $0 + "/stdout" },
            stderrLog: attempt.logDirectory.map { $0 + "/stderr" },
            exitCode: check?.exitCode, startedAt: startedAt, durationSeconds: (clock.now - start).seconds,
            attempts: attempts, functionality: testCase.functionality, tags: testCase.tags,
            waiver: state == .waived ? testCase.waiver : nil)
    }

    private func runAttempt(_ number: Int) async -> Attempt {
        let deadline = ContinuousClock.now + testCase.timeout
        do {
            for (index, step) in testCase.setup.enumerated() {
                try await perform(step, deadline: deadline, what: "setup step \(index + 1) (\(step))")
            }
            for (index, step) in testCase.check.dropLast().enumerated() {
                try await perform(step, deadline: deadline, what: "step \(index + 1) (\(step))")
            }
            var attempt = Attempt(state: .passed)
            var checkOutput = ProbeOutput(exitCode: 0, stdout: Data(), stderr: Data())
            // A case of probes only has no command: each expectation runs its own probe.
            if let command = testCase.checkCommand {
                let logDirectory = try makeLogDirectory(attempt: number)
                let check = try await exec(
                    command.commandLine, deadline: deadline,
                    output: .viaGuestFiles(
                        keep: options.matchBytes, sinkDirectory: logDirectory.map { options.reportDirectory! + "/" + $0 }))
                attempt = Attempt(state: .passed, check: check, logDirectory: logDirectory)
                if check.timedOut {
                    attempt.state = .timedOut
                    attempt.message = "the check ran past the case's timeout of \(DurationText.format(testCase.timeout)) and was killed"
                    return attempt
                }
                checkOutput = ProbeOutput(exitCode: check.exitCode ?? -1, stdout: check.stdout, stderr: check.stderr)
            }
            attempt.outcomes = try await judge(testCase.expectations, commandOutput: checkOutput, deadline: deadline)
            if attempt.outcomes.contains(where: \.inconclusive) {
                attempt.state = .error
                attempt.message = "an expected result could not be checked"
            } else if attempt.outcomes.contains(where: { !$0.passed }) {
                attempt.state = .failed
            }
            return attempt
        } catch let failure as StepFailure {
            return Attempt(state: failure.timedOut ? .timedOut : .error, message: failure.message)
        } catch {
            return Attempt(state: .error, message: "the machine did not answer: \(error)")
        }
    }

    private func perform(_ step: TestStep, deadline: ContinuousClock.Instant, what: String) async throws {
        switch step {
        case let .run(command):
            let result = try await exec(command.commandLine, deadline: deadline, output: .viaGuestFiles(keep: 4096, sinkDirectory: nil))
            if result.timedOut { throw StepFailure(message: "\(what) timed out", timedOut: true) }
            guard result.exitCode == 0 else {
                throw StepFailure(
                    message: "\(what) failed with exit status \(result.exitCode.map(String.init) ?? "none"): "
                        + DisplayText.output(result.stderrText + result.stdoutText))
            }
        case let .upload(source, destination, mode):
            try await channel.upload(source, to: destination)
            if let mode {
                let chmod = try await exec(["chmod", mode, destination], deadline: deadline, output: .inline)
                guard chmod.exitCode == 0 else { throw StepFailure(message: "\(what): chmod \(mode) failed: \(chmod.stderrText)") }
            }
        case let .wait(until, expectations, timeout, interval):
            let waitDeadline = min(deadline, ContinuousClock.now + timeout)
            while true {
                let result = try await exec(until.commandLine, deadline: waitDeadline, output: .inline)
                let output = ProbeOutput(exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr)
                if !result.timedOut,
                    let outcomes = try? await judge(expectations, commandOutput: output, deadline: waitDeadline),
                    outcomes.allSatisfy(\.passed)
                {
                    return
                }
                if ContinuousClock.now + interval >= waitDeadline {
                    throw StepFailure(
                        message: "\(what): the condition did not hold within \(DurationText.format(timeout))",
                        timedOut: waitDeadline == deadline)
                }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Judges expectations: output matchers on the command's output, guest facts through their probes.
    private func judge(
        _ expectations: [Expectation], commandOutput: ProbeOutput,
        deadline: ContinuousClock.Instant
    ) async throws -> [ExpectationOutcome] {
        var outcomes: [ExpectationOutcome] = []
        for expectation in expectations {
            guard let probe = expectation.probe else {
                outcomes.append(expectation.evaluate(probeOutput: commandOutput))
                continue
            }
            let result = try await exec(probe, deadline: deadline, output: .inline)
            if result.timedOut { throw StepFailure(message: "checking \(expectation.matcherName) timed out", timedOut: true) }
            outcomes.append(
                expectation.evaluate(
                    probeOutput: ProbeOutput(
                        exitCode: result.exitCode ?? -1,
                        stdout: result.stdout, stderr: result.stderr)))
        }
        return outcomes
    }

    /// Runs a command with whatever time is left before the deadline.
    private func exec(_ commandLine: [String], deadline: ContinuousClock.Instant, output: GuestCommand.Output) async throws
        -> GuestExecResult
    {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw StepFailure(message: "the case's timeout ran out", timedOut: true) }
        return try await channel.exec(
            GuestCommand(
                path: commandLine[0], arguments: Array(commandLine.dropFirst()),
                timeout: remaining, output: output))
    }

    /// `logs/PLAN/CASE@MACHINE/attempt-N`, relative to the report directory; nil when there is none.
    private func makeLogDirectory(attempt: Int) throws -> String? {
        guard let root = options.reportDirectory else { return nil }
        let relative = "logs/\(testCase.planID)/\(testCase.id)@\(machine)/attempt-\(attempt)"
        try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
        return relative
    }

    private func bounded(_ data: Data?, total: Int?) -> String {
        guard let data else { return "" }
        let kept = data.prefix(options.reportBytes)
        var text = String(decoding: kept, as: UTF8.self)
        let all = total ?? data.count
        if all > kept.count { text += "\n[… \(all - kept.count) more bytes in the log]" }
        return text
    }
}
