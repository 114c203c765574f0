// The link map: every object of the process in load order, which is also
// the global symbol scope (executable, preloads, then breadth-first
// DT_NEEDED order).
#pragma once
#include "arena.hpp"
#include "object.hpp"
#include "options.hpp"

constexpr u32 max_objects = 1024;  // named in the message: keep them in step

struct Linker {
    Arena& arena;
    const Options& opt;
    const Process& proc;
    Object** objs;          // load order == scope order
    u32 count = 0;
    bool bind_now = false;
    u32 undefined = 0;      // undefined-symbol errors reported so far
    uptr tp = 0;            // thread pointer, once TLS is set up

    Linker(Arena& a, const Options& o, const Process& p);
    Object& add(Object* obj);  // appends to the scope (limit-checked)
};

// Loads the preloads and every DT_NEEDED library breadth-first, each once,
// decoding each object's dynamic section. objs[0] must be the executable.
void load_dependencies(Linker& l);

// For --list: "\tNAME => PATH (0xADDR)" for every object but the executable.
void print_link_map(const Linker& l);
