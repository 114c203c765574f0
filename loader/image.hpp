// Opening, validating and mapping one ELF file.
#pragma once
#include "arena.hpp"
#include "object.hpp"

// Limits on what a file may ask of miniload; exceeding one is a diagnosed error.
constexpr unsigned max_phnum = 512;
constexpr usize max_path = 4096;

// Opens `path`, checks its headers and maps its PT_LOAD segments. Any fault
// ends in "miniload: PATH: reason" and exit 127.
void load_image(Object& obj, const char* path, Arena& arena);

// The address range miniload itself occupies, for clearer overlap messages.
struct SelfRange { uptr start, end; };
SelfRange self_range();
