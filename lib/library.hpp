// What the library build keeps per loaded library, and the Linker it links
// one with. Internal to lib/.
#pragma once
#include "linkmap.hpp"
#include "miniload.h"

// One library's Linker: its scope is the library itself, then the libraries
// it was loaded against, in the order given; after them lookup()
// (lib/scope.cpp) asks the host's resolver.
struct TlsModule;
struct LibLinker : Linker {
    using Linker::Linker;
    miniload_resolver resolver = nullptr;
    void* context = nullptr;
};

// Everything here, the Object and its Linker live in `arena`, which the last
// reference gives back.
struct miniload_library {
    u32 refs;
    bool initialized;         // its initialisers ran, so its finalisers will
    Arena arena;
    Object* obj;
    miniload_library** deps;  // references held on the libraries it was loaded against
    usize ndeps;
    uptr reserve_len;         // bytes reserved from obj->reserved
    u64 bucket_magic;         // for lookup.cpp: the GNU hash bucket count's inverse
    TlsModule* tls;           // its thread-local storage (tls.cpp), if it has PT_TLS
};

// Thread-local storage (tls.cpp). tls_prepare checks PT_TLS and makes the
// module that DTPMOD relocations name; tls_attach gives it a slot once the
// load can no longer fail; tls_detach, at unload, frees the slot and this
// thread's block.
struct TlsModule;
TlsModule* tls_prepare(Object& obj, Arena& arena);
void tls_attach(TlsModule& m);
void tls_detach(const TlsModule& m);
// This thread's address of byte `offset` (a symbol's st_value) of the block.
void* tls_address(const TlsModule& m, uptr offset);

// Readies get()'s lookup (lookup.cpp) for a library just loaded.
void prepare_lookup(miniload_library& lib);

// The process's auxiliary vector, as the first load read it (library.cpp).
const Process& lib_process();
