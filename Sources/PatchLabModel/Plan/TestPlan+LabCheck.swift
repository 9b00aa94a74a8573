extension TestPlan {
    /// Problems with running this plan on `lab`: each `on:` target that names a machine or role the
    /// lab does not have, at the place it is written (in a case, or in the plan's defaults). Empty
    /// when every case has somewhere to run.
    public func check(against lab: Lab) -> [Diagnostic] {
        let machineNames = lab.machines.map(\.name)
        var roles: [String] = []
        for machine in lab.machines where !roles.contains(machine.role) { roles.append(machine.role) }
        var diagnostics: [Diagnostic] = []
        for testCase in cases {
            for (selector, location) in zip(testCase.targets, testCase.targetLocations) {
                let message: String
                switch selector {
                case let .machine(name) where !machineNames.contains(name):
                    message =
                        "unknown machine '\(name)' in 'on' of case \(testCase.id); expected one of the machines "
                        + "of lab '\(lab.name)': \(machineNames.joined(separator: ", "))"
                        + name.didYouMeanSuffix(among: machineNames)
                case let .role(role) where !roles.contains(role):
                    message =
                        "unknown role '\(role)' in 'on' of case \(testCase.id); expected one of the roles "
                        + "of lab '\(lab.name)': \(roles.joined(separator: ", "))"
                        + role.didYouMeanSuffix(among: roles)
                default:
                    continue
                }
                diagnostics.append(.error(message, at: location))
            }
        }
        return diagnostics.sortedStably()
    }
}
