#ifndef PATCHLAB_CLIBVIRT_SHIM_H
#define PATCHLAB_CLIBVIRT_SHIM_H
#include <stddef.h>
#include <stdlib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt/libvirt-qemu.h>

/* libvirt's default error handler prints every error to stderr; we read errors ourselves. */
static void patchlab_silent_error(void *userData, virErrorPtr error) { (void)userData; (void)error; }
static inline void patchlab_silence_libvirt_errors(void) { virSetErrorFunc(NULL, patchlab_silent_error); }

/* Typed registration: Swift cannot spell the VIR_DOMAIN_EVENT_CALLBACK cast itself. */
static inline int patchlab_register_lifecycle_events(virConnectPtr conn, virConnectDomainEventCallback cb,
                                                     void *opaque, virFreeCallback freecb) {
    return virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                            VIR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb);
}
static inline int patchlab_register_agent_events(virConnectPtr conn, virConnectDomainEventAgentLifecycleCallback cb,
                                                 void *opaque, virFreeCallback freecb) {
    return virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE,
                                            VIR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb);
}
#endif
