/// What fidelity compares between a lab machine and the production host it mirrors, and how much
/// each counts towards the overall score.
///
/// | dimension | compared by | weight |
/// | --- | --- | --- |
/// | system | OS release, kernel release, architecture | 0.15 |
/// | packages | installed version (and dpkg state) by package name | 0.35 |
/// | services | active state and enablement by unit name | 0.20 |
/// | ports | listening TCP / bound UDP port | 0.10 |
/// | files | sha256 of each watched file both sides watch | 0.20 |
///
/// Packages weigh most: a patch's behaviour depends first on the software around it. The weights
/// of dimensions that were not measured on both sides are left out, not counted as zero.
public enum FidelityDimensionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case system
    case packages
    case services
    case ports
    case files

    public var weight: Double {
        switch self {
        case .system: return 0.15
        case .packages: return 0.35
        case .services: return 0.20
        case .ports: return 0.10
        case .files: return 0.20
        }
    }

    /// `OS and kernel`, `Packages`, …
    public var title: String {
        switch self {
        case .system: return "OS and kernel"
        case .packages: return "Packages"
        case .services: return "Services"
        case .ports: return "Listening ports"
        case .files: return "Watched files"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
