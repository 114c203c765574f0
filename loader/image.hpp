// Opening, validating and mapping one ELF file.
#pragma once
#include "arena.hpp"
#include "object.hpp"

// Limits on what a file may ask of miniload; exceeding one is a diagnosed error.
constexpr unsigned max_phnum = 512;  // named in the message: keep them in step
constexpr usize max_path = 4096;

// A file opened for loading: descriptor, size, identity and its first bytes.
struct ImageFile {
    const char* path;
    int fd;
    uptr size;         // clamped: an ELF of this class cannot address more
    const u8* head;
    usize head_len;
    u64 dev, ino;
};

// Opens `path` and reads its first bytes. When `must` is set any failure ends
// in "miniload: PATH: reason" and exit 127; otherwise (searching) it returns
// the negative errno and the search goes on.
long open_image(ImageFile& f, const char* path, Arena& arena, bool must);

// Whether the file is an ELF of our class, byte order and machine, so that a
// library search can skip another architecture's copy as ld.so does.
bool image_is_ours(const ImageFile& f);

// Checks the headers and maps the PT_LOAD segments. The file stays open.
void map_image(Object& obj, const ImageFile& f, Arena& arena);

// open_image (must) and map_image in one; returns the open descriptor.
int load_image(Object& obj, const char* path, Arena& arena);

// The address range miniload itself occupies, for clearer overlap messages.
struct SelfRange { uptr start, end; };
SelfRange self_range();

// Describes a program the kernel already mapped (miniload started as its
// interpreter) from its program headers in memory.
void adopt_mapped(Object& obj, const char* path, uptr phdr, uptr phnum, uptr entry);
