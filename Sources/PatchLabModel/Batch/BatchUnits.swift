/// Groups the patches of a batch into the units a bisection applies whole: patches whose packages
/// need each other. A patch needs another when one of its packages depends on a package the other
/// ships and no machine-as-it-is satisfies that dependency (the new `libfoo-bin` needs the new
/// `libfoo1`), or breaks a package as the machines have it that the other patch upgrades. A subset
/// holding one without the other could not even install, so it would say nothing about the failure.
public enum BatchUnits {
    /// - Parameters:
    ///   - patches: the patch ids to group, in batch order.
    ///   - packages: the `.deb` packages each patch ships (patches without any are units of their own).
    ///   - installed: each target's packages at the baseline (name, with `:arch` for multi-arch
    ///     copies, → version); empty when no fingerprint listed packages, and then every dependency
    ///     on a package another patch ships counts.
    public static func group(patches: [String], packages: [String: [DebPackage]], installed: [[String: String]]) -> [Bisection.Unit] {
        var parent = Array(patches.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        var reasons: [Int: [String]] = [:]
        func link(_ a: Int, _ b: Int, _ reason: String) {
            let (ra, rb) = (root(a), root(b))
            let merged = min(ra, rb)
            parent[ra] = merged
            parent[rb] = merged
            reasons[a, default: []].append(reason)
        }
        let shipped: [(patch: Int, package: DebPackage)] = patches.enumerated().flatMap { index, id in
            (packages[id] ?? []).map { (index, $0) }
        }
        for (index, id) in patches.enumerated() {
            let own = packages[id] ?? []
            for package in own {
                for clause in package.depends {
                    if own.contains(where: { mine in clause.contains { $0.name == mine.name && $0.admits(mine.version) } }) { continue }
                    if !installed.isEmpty, installed.allSatisfy({ have in clause.contains { $0.admits(version(of: $0.name, in: have)) } }) {
                        continue
                    }
                    for other in shipped where other.patch != index {
                        guard let needed = clause.first(where: { $0.name == other.package.name && $0.admits(other.package.version) }) else {
                            continue
                        }
                        link(
                            index, other.patch,
                            "\(package.name) (patch \(id)) depends on \(needed) (patch \(patches[other.patch]))"
                                + (installed.isEmpty ? "" : ", which the machines do not have"))
                    }
                }
                for broken in package.breaks {
                    guard installed.contains(where: { broken.admits(version(of: broken.name, in: $0)) }) else { continue }
                    for other in shipped
                    where other.patch != index && other.package.name == broken.name && !broken.admits(other.package.version) {
                        link(
                            index, other.patch,
                            "\(package.name) (patch \(id)) breaks \(broken) as the machines have it, which patch "
                                + "\(patches[other.patch]) upgrades")
                    }
                }
            }
        }
        var units: [Int: Bisection.Unit] = [:]
        var order: [Int] = []
        for index in patches.indices {
            let unit = root(index)
            if units[unit] == nil { order.append(unit) }
            units[unit, default: Bisection.Unit(patches: [])].patches.append(patches[index])
            units[unit]!.reasons += reasons[index] ?? []
        }
        return order.map { units[$0]! }
    }

    /// A package's version on a machine, whether it is listed bare or with its architecture.
    static func version(of name: String, in installed: [String: String]) -> String? {
        installed[name] ?? installed.first { $0.key.hasPrefix(name + ":") }?.value
    }
}
