// Decoding an object's dynamic section.
#pragma once
#include "arena.hpp"
#include "object.hpp"

// Upper bound on version indices an object may use.
constexpr u32 max_versions = 4096;

// Reads PT_DYNAMIC from the mapped image and fills the object's tables, each
// checked to lie inside the image. Any fault is "miniload: PATH: reason", 127.
void decode_dynamic(Object& obj, Arena& arena);

// Calls fn(name) for each DT_NEEDED entry, in order.
template <class Fn> void for_each_needed(const Object& obj, Fn fn);

// "miniload: PATH: bad WHAT", WHAT naming the part of the object at fault.
[[noreturn]] void fail_dynamic(const Object& obj, const char* what);

template <class Fn> void for_each_needed(const Object& obj, Fn fn) {
    for (usize i = 0; i < obj.ndyn; ++i) {
        if (obj.dyn[i].d_tag != elf::DT_NEEDED) continue;
        const char* name = obj.string(obj.dyn[i].d_val);
        if (!name || !*name) fail_dynamic(obj, "DT_NEEDED");
        fn(name);
    }
}
