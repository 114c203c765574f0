// Applying relocations: RELR, REL/RELA, the PLT (eagerly or lazily), then
// IRELATIVE and ifunc-bound entries once the rest of the object is done.
#pragma once
#include "linkmap.hpp"

// Relocates one object against the scope. Undefined symbols are reported
// (counted in l.undefined) rather than ending the run at the first one.
void relocate_object(Linker& l, Object& obj);

// Makes PT_GNU_RELRO read-only.
void protect_relro(Object& obj);

// Called by the arch's lazy-binding entry: binds JMPREL entry `index` of
// `obj` and returns the function's address. An unresolvable symbol ends the
// process with "undefined symbol: NAME" and exit 127.
extern "C" uptr miniload_lazy_bind(Object* obj, uptr index);
