/* libminiload: miniload's loader core as a library, for C.
 *
 * Loads a shared object from a file or a memory buffer into the calling
 * process, relocates it against symbols the caller chooses (libraries loaded
 * through this API, then a resolver callback), runs its initialisers, and
 * looks its symbols up. Link with build/<arch>/libminiload.a; the library
 * needs nothing from the C library. include/miniload.hpp is the C++ face.
 *
 * Supported: ET_DYN objects; RELR, REL and RELA; GNU and SysV hash; symbol
 * versions; IRELATIVE and ifuncs; lazy or eager binding; DT_INIT,
 * DT_INIT_ARRAY, DT_FINI_ARRAY, DT_FINI; thread-local storage reached the
 * general- or local-dynamic way or through TLS descriptors (libminiload
 * supplies __tls_get_addr and the descriptor resolvers): each thread gets its
 * own copy of a library's variables when it first uses them, freed when the
 * library is unloaded (in the unloading thread; in the others when they
 * exit, given glibc's __cxa_thread_atexit_impl, or reuse the slot). Not
 * supported: static TLS (initial-exec or local-exec code), since the host's
 * C library sized the static TLS area when each thread started; text
 * relocations; loading DT_NEEDED
 * libraries from disk (they must be passed as dependencies, or their symbols
 * provided by the resolver).
 */
#ifndef MINILOAD_H
#define MINILOAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MINILOAD_API __attribute__((visibility("default")))

/* A loaded library, shared by reference count. */
typedef struct miniload_library miniload_library;

/* Finds a symbol the library needs that neither it nor its dependencies
 * define: returns its address, or NULL when the host has none. `version` is
 * the version the reference asks for (from the library's DT_VERNEED), or
 * NULL. It may run during a load and, with lazy binding, during the first
 * call through a PLT entry, on whatever thread makes it; it must not throw.
 * Called during a load, it cannot load libraries itself (that load fails
 * with a message saying so). */
typedef void* (*miniload_resolver)(void* context, const char* name, const char* version);

typedef struct miniload_options {
    miniload_resolver resolver;     /* NULL: no host symbols */
    void* context;                  /* passed to resolver */
    /* Libraries searched for symbols, in this order, after the library's own
     * definitions and before the resolver. Each is kept loaded as long as
     * the new library is. A DT_NEEDED entry naming one of them (by
     * DT_SONAME, or the file name of its path) is satisfied by it. */
    miniload_library* const* deps;
    size_t ndeps;
    int bind_now;                   /* nonzero: bind every PLT entry at load */
    const char* name;               /* miniload_open_memory: the name messages use */
} miniload_options;

/* Room for any message: "miniload: PATH: reason", truncated beyond it. */
#define MINILOAD_ERROR_MAX 4608
typedef struct miniload_error {
    char message[MINILOAD_ERROR_MAX];
} miniload_error;

/* Loads the shared object at `path` (`options` may be NULL). Returns NULL on
 * failure, with the message miniload would print in `error` (if not NULL);
 * nothing of the failed load stays mapped or open. */
MINILOAD_API miniload_library* miniload_open(const char* path, const miniload_options* options,
                                             miniload_error* error);
/* The same from `size` bytes at `data`, which the caller may free afterwards. */
MINILOAD_API miniload_library* miniload_open_memory(const void* data, size_t size,
                                                    const miniload_options* options, miniload_error* error);

/* One more reference; returns `library`. */
MINILOAD_API miniload_library* miniload_retain(miniload_library* library);
/* Drops a reference. The last one runs the finalisers, unmaps the library
 * and drops its references to its dependencies. NULL is ignored. */
MINILOAD_API void miniload_release(miniload_library* library);

/* The address of the symbol `name` defined by the library itself (not its
 * dependencies) in *address: 0 when found, -1 when not. For a thread-local
 * variable, the calling thread's copy. */
MINILOAD_API int miniload_symbol(const miniload_library* library, const char* name, void** address);
/* A name to look up many times: its length and its GNU hash (h = h * 33 + c
 * over its bytes, from 5381, in 32 bits), worked out once. */
typedef struct miniload_name {
    const char* text;
    size_t length;
    uint32_t hash;
} miniload_name;
/* The name `text`, measured and hashed. */
MINILOAD_API miniload_name miniload_make_name(const char* text);
/* miniload_symbol for a name made beforehand: the lookup without the hash. */
MINILOAD_API int miniload_symbol_named(const miniload_library* library, const miniload_name* name, void** address);
/* Writes "miniload: PATH: undefined symbol: NAME" into `buffer` (truncated,
 * NUL-terminated, when `size` is too small) and returns its full length. */
MINILOAD_API size_t miniload_symbol_error(const miniload_library* library, const char* name, char* buffer,
                                          size_t size);

/* The path it was loaded from (or its name, from memory), and its load bias. */
MINILOAD_API const char* miniload_path(const miniload_library* library);
MINILOAD_API uintptr_t miniload_base(const miniload_library* library);

#ifdef __cplusplus
}
#endif

#endif
