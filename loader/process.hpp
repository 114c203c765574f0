// The initial process stack as the kernel built it:
//   sp -> argc, argv[0..argc-1], NULL, envp..., NULL, (a_type, a_val)..., AT_NULL
// decoded once, and rewritten in place before the jump so the program sees
// its own argv and auxv.
#pragma once
#include <linux/auxvec.h>
#include "types.hpp"

struct Process {
    static constexpr unsigned aux_slots = 64;  // tags above this are kept, not indexed

    uptr* sp;
    long argc;
    char** argv;
    char** envp;
    uptr* auxv;             // first (type, value) pair
    uptr aux[aux_slots];    // tag-indexed copy of the values the kernel gave

    explicit Process(uptr* initial_sp);
    const char* getenv(const char* name) const;
    bool secure() const { return aux[AT_SECURE] != 0; }
    uptr page_size() const { return aux[AT_PAGESZ] ? aux[AT_PAGESZ] : 4096; }
};

// What the program must find in its auxv instead of miniload's values: the
// value for each of aux_update_tags, in that order.
constexpr unsigned char aux_update_tags[] = {AT_PHDR, AT_PHENT, AT_PHNUM, AT_ENTRY, AT_BASE, AT_EXECFN};
struct AuxUpdate {
    uptr value[sizeof aux_update_tags];
};

// Drops `drop` leading argv words (miniload and its options), replaces the new
// argv[0] when `argv0` is set, and patches the auxv. sp does not move, so the
// stack keeps the alignment the kernel gave it.
void rewrite_stack(Process& p, long drop, const char* argv0, const AuxUpdate& u);
