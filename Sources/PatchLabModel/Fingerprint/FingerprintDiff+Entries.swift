extension FingerprintDiff {
    /// A package on one side only.
    public struct PackageVersion: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
        /// dpkg's state when the package is present but not fully installed.
        public var state: String?

        public init(name: String, version: String, state: String? = nil) {
            self.name = name
            self.version = version
            self.state = state
        }
    }

    /// A package on both sides at different versions.
    public struct PackageUpdate: Sendable, Hashable, Codable {
        public var name: String
        public var from: String
        public var to: String

        public init(name: String, from: String, to: String) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    /// A package on both sides whose dpkg state changed; `installed` when fully installed.
    public struct PackageStateChange: Sendable, Hashable, Codable {
        public var name: String
        public var from: String
        public var to: String

        public init(name: String, from: String, to: String) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    /// A service that appeared (`before` nil), disappeared (`after` nil) or changed state.
    public struct ServiceChange: Sendable, Hashable, Codable {
        public var name: String
        public var before: ServiceStatus?
        public var after: ServiceStatus?

        public init(name: String, before: ServiceStatus?, after: ServiceStatus?) {
            self.name = name
            self.before = before
            self.after = after
        }
    }
}
