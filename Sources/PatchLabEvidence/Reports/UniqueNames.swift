/// Keeps JUnit (classname, name) pairs unique: reporters such as GitLab's key results by the pair,
/// so a repeated pair would hide a result. A repeat gets ` #2`, ` #3`… on its name.
struct UniqueNames {
    private var seen: Set<[String]> = []

    mutating func unique(classname: String, name: String) -> String {
        var candidate = name
        var number = 1
        while !seen.insert([classname, candidate]).inserted {
            number += 1
            candidate = "\(name) #\(number)"
        }
        return candidate
    }
}
