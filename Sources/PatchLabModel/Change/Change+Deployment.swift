extension Change {
    /// The machines the change is deployed to, in deployment order: for `phased`, least critical
    /// first (the lab's criticality, then its file order, so the lab author orders machines within a
    /// phase); for `all-at-once`, the lab's order. Restricted to ``DeploymentSpec/machines`` when set.
    public func deploymentOrder(in lab: Lab) -> [Machine] {
        let candidates = deployment.order == .phased ? lab.phasedOrder : lab.machines
        guard let selectors = deployment.machines else { return candidates }
        return candidates.filter { machine in selectors.contains { $0.value.selects(machine) } }
    }

    /// Problems with deploying this change to `lab`: each deployment machine or role the lab does not
    /// have, at the place it is written. Empty when every selector picks at least one machine.
    public func check(against lab: Lab) -> [Diagnostic] {
        let names = lab.machines.map(\.name)
        var roles: [String] = []
        for machine in lab.machines where !roles.contains(machine.role) { roles.append(machine.role) }
        var diagnostics: [Diagnostic] = []
        for selector in deployment.machines ?? [] {
            switch selector.value {
            case let .machine(name) where !names.contains(name):
                diagnostics.append(
                    .error(
                        "unknown machine '\(name)' in deployment 'machines'; expected one of the "
                            + "machines of lab '\(lab.name)': \(names.joined(separator: ", "))"
                            + name.didYouMeanSuffix(among: names), at: selector.location))
            case let .role(role) where !roles.contains(role):
                diagnostics.append(
                    .error(
                        "unknown role '\(role)' in deployment 'machines'; expected one of the roles "
                            + "of lab '\(lab.name)': \(roles.joined(separator: ", "))"
                            + role.didYouMeanSuffix(among: roles), at: selector.location))
            default:
                continue
            }
        }
        return diagnostics.sortedStably()
    }

    /// Problems with the change's accepted baseline failures given its loaded `plans`: each case id
    /// that no plan has (a typo there would accept nothing, silently).
    public func check(against plans: [TestPlan]) -> [Diagnostic] {
        let ids = plans.flatMap { $0.cases.map(\.id) }
        return acceptBaselineFailures.filter { !ids.contains($0.value) }.map { accepted in
            .error(
                "unknown case '\(accepted.value)' in 'accept_baseline_failures'; expected a case of the change's "
                    + "plans (\(plans.map(\.id).joined(separator: ", ")))" + accepted.value.didYouMeanSuffix(among: ids),
                at: accepted.location)
        }
    }
}
