internal import CLibvirt
import Foundation

/// Process-wide libvirt set-up: silences libvirt's stderr printing, registers the default event
/// loop implementation and runs it on its own thread for the life of the process.
///
/// Must happen before the first `virConnectOpen`, or that connection gets no events or keepalive.
enum LibvirtRuntime {
    private static let started: Bool = {
        patchlab_silence_libvirt_errors()
        _ = virInitialize()
        guard virEventRegisterDefaultImpl() == 0 else { return false }
        let thread = Thread {
            while true {
                // Errors here are transient (an interrupted poll); the loop must keep running.
                _ = virEventRunDefaultImpl()
            }
        }
        thread.name = "libvirt-event-loop"
        thread.start()
        return true
    }()

    static func start() {
        _ = started
    }
}
