internal import CLibvirt

// Every C call whose failure is reported by a return value goes through these, so the per-thread
// error is read in the same synchronous frame as the call that set it.

@discardableResult
func checked(_ what: @autoclosure () -> String, _ result: Int32) throws(LibvirtError) -> Int32 {
    if result < 0 { throw LibvirtError.last(or: "\(what()) failed") }
    return result
}

func checked<T>(_ what: @autoclosure () -> String, _ pointer: T?) throws(LibvirtError) -> T {
    guard let pointer else { throw LibvirtError.last(or: "\(what()) failed") }
    return pointer
}

/// Takes ownership of a C string libvirt allocated for us and frees it.
func ownedString(_ what: @autoclosure () -> String, _ cString: UnsafeMutablePointer<CChar>?) throws(LibvirtError) -> String {
    guard let cString else { throw LibvirtError.last(or: "\(what()) failed") }
    defer { free(cString) }
    return String(cString: cString)
}
