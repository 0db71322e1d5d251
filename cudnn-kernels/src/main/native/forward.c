/*
 * A forwarding library: it carries an old soname and symbol version (libcudnn.so.8, libcublas.so.12)
 * so that JNI libraries linked against them load, and sends every call on to the same-named function
 * of the library that is really installed (libcudnn.so.9, libcublas.so.13).
 *
 * Each exported function is one indirect jump through a slot, so no prototype is needed and the
 * arguments (integer, pointer and floating-point registers and the stack) reach the real function
 * untouched. The slots are filled when this library loads: the real library must already be loaded
 * (the engine loads it by absolute path first), so dlopen(RTLD_NOLOAD) finds it by its soname.
 *
 * Built by the Maven build (build-shims.sh) with, for example,
 *   -DREAL_SONAME='"libcudnn.so.9"' -DSYMBOLS='"cudnn8-symbols.def"' -DMISSING_STATUS=3000
 * and a version script naming the old version node.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdint.h>

/*
 * Bind dlopen and dlsym to their original symbol version so the library also loads where glibc is
 * older than 2.34 (which moved them from libdl into libc under a new version).
 */
__asm__(".symver dlopen,dlopen@GLIBC_2.2.5");
__asm__(".symver dlsym,dlsym@GLIBC_2.2.5");

/* One slot and one exported jump per function. */
#define SHIM(name)                                                             \
    __attribute__((visibility("hidden"))) void *rosetta_slot_##name;          \
    __attribute__((naked, visibility("default"))) void name(void)             \
    {                                                                          \
        __asm__("jmp *rosetta_slot_" #name "(%rip)");                         \
    }
#include SYMBOLS
#undef SHIM

/*
 * A function the real library lacks answers with an error status (cuDNN 9's
 * CUDNN_STATUS_NOT_SUPPORTED, cuBLAS's CUBLAS_STATUS_NOT_SUPPORTED) and names itself once on stderr,
 * instead of crashing the JVM with an unresolved symbol.
 */
static intptr_t missing(const char *name)
{
    fprintf(stderr, "%s forwarding library: %s is not in %s\n", SHIM_SONAME, name, REAL_SONAME);
    return MISSING_STATUS;
}

#define SHIM(name) static intptr_t rosetta_missing_##name(void) { return missing(#name); }
#include SYMBOLS
#undef SHIM

struct binding {
    const char *name;
    void **slot;
    void *missing;
};

static const struct binding bindings[] = {
#define SHIM(name) {#name, &rosetta_slot_##name, (void *) rosetta_missing_##name},
#include SYMBOLS
#undef SHIM
};

__attribute__((constructor)) static void bind_real_library(void)
{
    void *real = dlopen(REAL_SONAME, RTLD_NOW | RTLD_NOLOAD);
    if (real == NULL) {
        real = dlopen(REAL_SONAME, RTLD_NOW | RTLD_GLOBAL);
    }
    for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
        void *target = real == NULL ? NULL : dlsym(real, bindings[i].name);
        *bindings[i].slot = target != NULL ? target : bindings[i].missing;
    }
}
