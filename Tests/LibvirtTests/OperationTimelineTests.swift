import Foundation
import Testing
@testable import Libvirt

/// The operation recorder behind `bench rehearse`'s overhead figure: its interval arithmetic, and that
/// it records libvirt calls only while started. Serialized because the recorder is process-wide.
@Suite(.serialized) struct OperationTimelineTests {
    typealias Op = OperationSummary.Operation

    func busy(_ intervals: [(Double, Double)]) -> Double {
        OperationSummary.unionSeconds(intervals.map { Op(kind: "k", start: $0.0, end: $0.1) })
    }

    @Test func unionOfDisjointIntervalsIsTheirSum() {
        #expect(busy([(0, 1), (2, 3.5)]) == 2.5)
    }

    @Test func overlappingIntervalsCountOnce() {
        #expect(busy([(0, 2), (1, 3)]) == 3)
        #expect(busy([(0, 10), (2, 3), (4, 5)]) == 10)  // nested
        #expect(busy([(0, 1), (1, 2)]) == 2)  // touching
    }

    @Test func unionDoesNotDependOnOrder() {
        #expect(busy([(5, 6), (0, 2), (1, 3), (2.5, 4)]) == 5)
    }

    @Test func emptyAndZeroLengthIntervalsAddNothing() {
        #expect(busy([]) == 0)
        #expect(busy([(1, 1), (3, 2)]) == 0)
    }

    @Test func overheadIsWallOverBusyAndKindsAreTotalled() {
        let summary = OperationSummary(
            wallSeconds: 4,
            operations: [
                Op(kind: "agent guest command", start: 0, end: 2),
                Op(kind: "agent guest command", start: 1, end: 2),
                Op(kind: "domain state", start: 3, end: 3.5),
            ])
        #expect(summary.busySeconds == 2.5)
        #expect(summary.sumSeconds == 3.5)
        #expect(summary.overhead == 4 / 2.5)
        #expect(
            summary.byKind == [
                OperationSummary.KindTotal(kind: "agent guest command", count: 2, seconds: 3),
                OperationSummary.KindTotal(kind: "domain state", count: 1, seconds: 0.5),
            ])
    }

    @Test func windowCutsOperationsAtItsEdges() {
        let origin = Date(timeIntervalSince1970: 1000)
        let summary = OperationSummary(
            startedAt: origin, wallSeconds: 10,
            operations: [
                Op(kind: "a", start: 0, end: 3), Op(kind: "b", start: 4, end: 5), Op(kind: "c", start: 6, end: 9),
            ])
        let window = summary.window(from: origin + 2, to: origin + 7)
        #expect(window.wallSeconds == 5)
        #expect(window.operations == [Op(kind: "a", start: 0, end: 1), Op(kind: "b", start: 2, end: 3), Op(kind: "c", start: 4, end: 5)])
        #expect(window.busySeconds == 3)
    }

    @Test func jsonCarriesTheDerivedFiguresAndReadsBack() throws {
        let summary = OperationSummary(
            startedAt: Date(timeIntervalSince1970: 0), wallSeconds: 2,
            operations: [Op(kind: "domain start", start: 0, end: 1)])
        let data = try JSONEncoder().encode(summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["busySeconds"] as? Double == 1)
        #expect(object["overhead"] as? Double == 2)
        let back = try JSONDecoder().decode(OperationSummary.self, from: data)
        #expect(back.operations == summary.operations && back.wallSeconds == 2)
        // Nothing recorded: no ratio, and still valid JSON.
        let empty = try JSONEncoder().encode(OperationSummary(wallSeconds: 1, operations: []))
        #expect(try JSONSerialization.jsonObject(with: empty) is [String: Any])
    }

    @Test func kindsNameTheSubjectAndTheCall() {
        #expect(OperationTimeline.kind("domain", "createSnapshot(name:description:diskOnly:)") == "domain createSnapshot")
        #expect(OperationTimeline.kind("agent", "guest-ping") == "agent guest-ping")
    }

    @Test func recordsNothingWhileStopped() async throws {
        let timeline = OperationTimeline.shared
        timeline.stop()
        let conn = try await Connection.open("test:///default")
        let domain = try await conn.defineDomain(xml: TestDriverTests.domainXML("timeline-off-\(UUID().uuidString.prefix(8))"))
        _ = try await domain.state()
        try await domain.undefine()
        #expect(!timeline.isRecording)
        #expect(timeline.heldCount == 0)
        #expect(timeline.stop().operations.isEmpty)
    }

    @Test func recordsEachLibvirtCallWhileStarted() async throws {
        let timeline = OperationTimeline.shared
        let conn = try await Connection.open("test:///default")
        timeline.start()
        let domain = try await conn.defineDomain(xml: TestDriverTests.domainXML("timeline-on-\(UUID().uuidString.prefix(8))"))
        try await domain.start()
        _ = try await domain.state()
        try await domain.destroy()
        try await domain.undefine()
        let summary = timeline.stop()
        let kinds = Set(summary.operations.map(\.kind))
        #expect(kinds.isSuperset(of: ["connection defineDomain", "domain start", "domain state", "domain destroy", "domain undefine"]))
        #expect(summary.operations.allSatisfy { 0 <= $0.start && $0.start <= $0.end && $0.end <= summary.wallSeconds })
        #expect(summary.busySeconds <= summary.wallSeconds)
        #expect(timeline.heldCount == 0)
    }

    @Test func aMultiCallOperationIsRecordedOnceAndHidesItsCalls() async throws {
        let timeline = OperationTimeline()
        timeline.start()
        #expect(timeline.recorderForCall() != nil)
        let insideSeesNoRecorder = await timeline.operation("agent", "guest command") {
            timeline.recorderForCall() == nil
        }
        #expect(insideSeesNoRecorder)
        let summary = timeline.stop()
        #expect(summary.operations.map(\.kind) == ["agent guest command"])
        #expect(timeline.recorderForCall() == nil)
    }
}
