import Foundation

/// The in-toto test-result predicate v0.1 (https://github.com/in-toto/attestation/blob/main/spec/predicates/test-result.md):
/// one run of a test suite — its overall result, the configuration it ran with, and which tests
/// passed, warned and failed.
///
/// The three test lists are always written (empty when none), as in the spec's example; missing
/// ones read as empty, since the spec makes them optional.
public struct TestResultPredicate: Codable, Sendable, Equatable {
    public static let predicateType = "https://in-toto.io/attestation/test-result/v0.1"

    /// The run's overall result.
    public enum Result: String, Codable, Sendable {
        case passed = "PASSED", warned = "WARNED", failed = "FAILED"
    }

    public var result: Result
    /// The configuration the run used, e.g. the plan and lab files by digest.
    public var configuration: [ResourceDescriptor]
    /// Where the run can be looked at, when it can.
    public var url: String?
    public var passedTests: [String]
    public var warnedTests: [String]
    public var failedTests: [String]

    public init(
        result: Result, configuration: [ResourceDescriptor], url: String? = nil,
        passedTests: [String] = [], warnedTests: [String] = [], failedTests: [String] = []
    ) {
        self.result = result
        self.configuration = configuration
        self.url = url
        self.passedTests = passedTests
        self.warnedTests = warnedTests
        self.failedTests = failedTests
    }

    private enum CodingKeys: String, CodingKey {
        case result, configuration, url, passedTests, warnedTests, failedTests
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        result = try container.decode(Result.self, forKey: .result)
        configuration = try container.decode([ResourceDescriptor].self, forKey: .configuration)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        passedTests = try container.decodeIfPresent([String].self, forKey: .passedTests) ?? []
        warnedTests = try container.decodeIfPresent([String].self, forKey: .warnedTests) ?? []
        failedTests = try container.decodeIfPresent([String].self, forKey: .failedTests) ?? []
    }
}
