import Foundation

extension InTotoStatement where Predicate == TestResultPredicate {
    /// A test-result statement about `subject`, with the predicate type filled in.
    public init(subject: [ResourceDescriptor], predicate: TestResultPredicate) {
        self.init(subject: subject, predicateType: TestResultPredicate.predicateType, predicate: predicate)
    }
}
