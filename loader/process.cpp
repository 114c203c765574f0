#include "process.hpp"

Process::Process(uptr* initial_sp) : sp(initial_sp) {
    argc = (long)sp[0];
    argv = (char**)(sp + 1);
    envp = argv + argc + 1;
    char** e = envp;
    while (*e) ++e;
    auxv = (uptr*)(e + 1);
    for (unsigned i = 0; i < aux_slots; ++i) aux[i] = 0;
    for (uptr* a = auxv; a[0] != AT_NULL; a += 2)
        if (a[0] < aux_slots) aux[a[0]] = a[1];
}

const char* Process::getenv(const char* name) const {
    for (char** e = envp; *e; ++e) {
        const char* v = str_after(*e, name);
        if (v && *v == '=') return v + 1;
    }
    return nullptr;
}

void rewrite_stack(Process& p, long drop, const char* argv0, const AuxUpdate& u) {
    uptr* a = p.auxv;
    for (; a[0] != AT_NULL; a += 2)
        for (unsigned k = 0; k < sizeof aux_update_tags; ++k)
            if (a[0] == aux_update_tags[k]) a[1] = u.value[k];
    uptr* end = a + 2;                       // one past AT_NULL's value
    uptr* first = (uptr*)(p.argv + drop);    // the program's own argv[0]
    usize words = (usize)(end - first);
    memmove(p.argv, first, words * sizeof(uptr));
    p.argc -= drop;
    p.sp[0] = (uptr)p.argc;
    if (argv0) p.argv[0] = (char*)argv0;
    // Keep the decoded view in step with the stack for later readers.
    p.envp -= drop;
    p.auxv -= drop;
}
