// libminiload's C API: the loader core used from inside a host process.
//
// A load runs the executable's steps on one object: open_image and
// map_image, decode_dynamic, check_versions, relocate_object (eager or lazy,
// through this build's vector-saving trampoline, arch/<arch>/lib.S) and
// protect_relro; then its initialisers. What differs from the executable:
//   - Errors. Any diagnostic ends the load, not the process (context.hpp):
//     the API entry holds a __builtin_setjmp, and the sink longjmps to it.
//     Then everything the load acquired is given back: the descriptor, the
//     reservation holding the segments (Object::reserved, with the slack
//     recomputed here), and the library's arena, which holds everything else.
//     Nothing else is acquired before the load is known to succeed: the
//     references on the dependencies are taken last.
//   - Scope. The library, then the libraries given, then the host's resolver
//     (scope.cpp). DT_NEEDED is not searched for on disk.
//   - Memory. One arena per library, given back with it (arena.cpp).
//   - TLS. The host's C library owns the thread pointer and the static TLS
//     area; a library's variables are reached through __tls_get_addr, in
//     blocks allocated per thread (tls.cpp).
//   - Initialisers run after the load lock is dropped (they may load other
//     libraries), with argc 0 and empty argv and envp: the library has no
//     view of the host's command line.
#include <linux/memfd.h>
#include "context.hpp"
#include "diag.hpp"
#include "dynamic.hpp"
#include "image.hpp"
#include "library.hpp"
#include "relocate.hpp"
#include "symbols.hpp"
#include "syscalls.hpp"

using namespace elf;

// arch/<arch>/lib.S: what its lazy-binding entry must learn once (x86_64:
// the size of the vector state to save).
extern "C" void arch_lib_setup();

namespace {

constexpr usize head_size = 1024;  // as open_image reads: the headers of most files
const char memory_name[] = "memory";

// The process as the kernel described it, from /proc/self/auxv: the page
// size, and AT_HWCAP for ifunc resolvers. Built once, under the load lock.
alignas(Process) unsigned char process_storage[sizeof(Process)];
bool process_ready;

const Process& process() { return *(const Process*)process_storage; }

void setup_process() {
    if (process_ready) return;
    // An initial stack with argc 0, no arguments, no environment, then the
    // auxiliary vector; the zeroes past what is read end it with AT_NULL.
    constexpr usize pairs = 96;
    uptr stack[3 + 2 * pairs + 2] = {};
    long fd = sys::open_read("/proc/self/auxv");
    if (!sys::is_err(fd)) {
        usize want = 2 * pairs * sizeof(uptr), done = 0;
        for (long r; done < want && (r = sys::pread((int)fd, (char*)(stack + 3) + done, want - done, done)) > 0;)
            done += (usize)r;
        sys::close((int)fd);
    }
    new (process_storage) Process(stack);
    arch_lib_setup();
    process_ready = true;
}

const Options default_options;

// What a failed load must give back. It lives in the API entry's frame and
// is only reached through pointers, so it is read from memory after the
// longjmp, not from registers the jump did not restore.
struct Load {
    lib::Context ctx;
    ImageFile file;
    miniload_library* lib;
};

// The length of the reservation map_image made for an ET_DYN object: the
// page-rounded span of its PT_LOADs plus the slack for the largest p_align,
// computed as image.cpp computes them.
uptr reservation_length(const Object& o, uptr page) {
    uptr lo = 0, hi = 0, align = page;
    bool any = false;
    for (unsigned i = 0; i < o.phnum; ++i) {
        const Phdr& ph = o.phdr[i];
        if (ph.p_type != PT_LOAD) continue;
        if (!any) lo = page_down(ph.p_vaddr, page);
        hi = page_up(ph.p_vaddr + ph.p_memsz, page);
        if (ph.p_align > align && !(ph.p_align & (ph.p_align - 1))) align = ph.p_align;
        any = true;
    }
    return hi - lo + (align - page);
}

// Whether map_image got as far as reserving the object's span.
bool reserved(const Object* o) { return o && o->reserved && !sys::is_err((long)o->reserved); }

void undo(Load& ld) {
    if (ld.file.fd >= 0) sys::close(ld.file.fd);
    if (!ld.lib) return;
    const Object* o = ld.lib->obj;
    if (reserved(o)) sys::munmap((void*)o->reserved, reservation_length(*o, process().page_size()));
    ld.lib->arena.release();
}

void read_head(ImageFile& f, Arena& arena) {
    f.head_len = f.size < head_size ? (usize)f.size : head_size;
    u8* head = (u8*)arena.alloc(head_size);
    for (usize done = 0; done < f.head_len;) {
        long r = sys::pread(f.fd, head + done, f.head_len - done, done);
        if (sys::is_err(r)) diag::fail_errno(f.path, "cannot read", r);
        if (r == 0) diag::fail(f.path, "file is truncated");
        done += (usize)r;
    }
    f.head = head;
}

// A memory file holding the buffer, opened as open_image opens a path: the
// mapping code then serves buffers and files alike.
void open_memory(ImageFile& f, const char* name, const void* data, usize size, Arena& arena) {
    long fd = sys::sc(__NR_memfd_create, (long)"miniload", MFD_CLOEXEC);
    if (sys::is_err(fd)) diag::fail_errno(name, "cannot create a memory file", fd);
    f = {name, (int)fd, size, nullptr, 0, 0, 0};
    for (usize done = 0; done < size;) {
        long r = sys::write((int)fd, (const char*)data + done, size - done);
        if (r == -EINTR) continue;
        if (sys::is_err(r) || r == 0) diag::fail_errno(name, "cannot write the memory file", r ? r : -ENOSPC);
        done += (usize)r;
    }
    read_head(f, arena);
}

// Relocation reads a writable page (.dynamic, a GOT slot) before it writes
// it, so the page is first mapped from the page cache and then copied on
// write, and that copy must flush the stale mapping from every CPU the host
// process runs on: in a multi-threaded host, the costliest part of loading a
// small library. Faulting the first pages of each writable segment in for
// writing before anything reads them (MADV_POPULATE_WRITE, Linux 5.14)
// makes the private copies at once, with nothing to flush. Capped, so that
// a large .data is still copied only as it is written; ignored by kernels
// that do not know it.
constexpr uptr prefault_limit = 64 * 1024;
constexpr int madv_populate_write = 23;

void prefault_writable(const Object& o, uptr page) {
    for (unsigned i = 0; i < o.phnum; ++i) {
        const Phdr& ph = o.phdr[i];
        if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_W) || !ph.p_filesz) continue;
        uptr start = page_down(o.bias + ph.p_vaddr, page);
        uptr end = page_up(o.bias + ph.p_vaddr + ph.p_filesz, page);
        if (end - start > prefault_limit) end = start + prefault_limit;
        sys::sc(__NR_madvise, (long)start, (long)(end - start), madv_populate_write);
    }
}

bool is_entry(Addr fn) { return fn != 0 && fn != (Addr)-1; }

// Initialisers and finalisers run after the load, with no checks left to
// make then: every entry must lie inside the library.
void check_entry(const Object& o, uptr fn) {
    if (!o.at(fn - o.bias, 1)) diag::fail(o.path, "initialiser outside the object");
}
void check_table(const Object& o, const Words& t) {
    for (const Addr* f = t.begin; f != t.end(); ++f)
        if (is_entry(*f)) check_entry(o, *f);
}

// The library `name` a DT_NEEDED entry names, among those given: by
// DT_SONAME, or the file name of the path it was loaded from.
miniload_library* given(miniload_library* const* deps, usize n, const char* name) {
    for (usize i = 0; i < n; ++i) {
        const Object& d = *deps[i]->obj;
        const char* base = d.path;
        for (const char* p = d.path; *p; ++p)
            if (*p == '/') base = p + 1;
        if ((d.soname && str_eq(d.soname, name)) || str_eq(base, name)) return deps[i];
    }
    return nullptr;
}

__attribute__((noinline)) void load_steps(Load& ld, const char* path, const void* data, usize size,
                                          const miniload_options& o) {
    setup_process();
    const Process& proc = process();
    Arena boot(proc.page_size());
    miniload_library* lib = boot.make<miniload_library>();
    lib->arena = boot;  // from here on only this copy allocates
    ld.lib = lib;
    Arena& arena = lib->arena;

    if (path) {
        open_image(ld.file, path, arena, true);
    } else {
        const char* name = o.name ? arena.copy_string(o.name, str_len(o.name)) : memory_name;
        open_memory(ld.file, name, data, size, arena);
    }
    const Ehdr& h = *(const Ehdr*)ld.file.head;
    if (image_is_ours(ld.file) && h.e_type == ET_EXEC)
        diag::fail(ld.file.path, "cannot load an executable (ET_EXEC) as a library");
    Object& obj = *arena.make<Object>();
    lib->obj = &obj;
    map_image(obj, ld.file, arena);
    sys::close(ld.file.fd);  // map_image leaves it open (miniload hands it to prctl)
    ld.file.fd = -1;
    prefault_writable(obj, proc.page_size());
    if (obj.tls) lib->tls = tls_prepare(obj, arena);
    decode_dynamic(obj, arena);

    LibLinker& l = *arena.create<LibLinker>(arena, default_options, proc);
    l.resolver = o.resolver;
    l.context = o.context;
    l.bind_now = o.bind_now != 0;
    l.add(&obj);
    for (usize i = 0; i < o.ndeps; ++i) {
        if (!o.deps[i]) diag::fail(obj.path, "a dependency given is null");
        if (l.count == max_objects) diag::fail(obj.path, "too many dependencies given");
        l.objs[l.count++] = o.deps[i]->obj;  // not add(): they stay their own Linker's
    }
    obj.deps = arena.make<Object*>(obj.ndyn);
    for_each_needed(obj, [&](const char* name) {
        if (miniload_library* d = given(o.deps, o.ndeps, name)) obj.deps[obj.ndeps++] = d->obj;
    });
    check_versions(l);
    relocate_object(l, obj);
    if (l.undefined) lib::fail_recorded();
    protect_relro(obj);
    if (obj.init) check_entry(obj, obj.bias + obj.init);
    if (obj.fini) check_entry(obj, obj.bias + obj.fini);
    check_table(obj, obj.init_array);
    check_table(obj, obj.fini_array);
    if (lib->tls) tls_attach(*lib->tls);

    // Nothing fails from here on.
    lib->reserve_len = reservation_length(obj, proc.page_size());
    lib->deps = arena.make<miniload_library*>(o.ndeps);
    for (usize i = 0; i < o.ndeps; ++i) lib->deps[i] = miniload_retain(o.deps[i]);
    lib->ndeps = o.ndeps;
    prepare_lookup(*lib);
    lib->refs = 1;
}

using InitFn = void (*)(int, char**, char**);
using FiniFn = void (*)();
char* no_strings[1] = {nullptr};

void run_initializers(miniload_library& lib) {
    const Object& o = *lib.obj;
    if (o.init) ((InitFn)(o.bias + o.init))(0, no_strings, no_strings);
    for (const Addr* f = o.init_array.begin; f != o.init_array.end(); ++f)
        if (is_entry(*f)) ((InitFn)*f)(0, no_strings, no_strings);
    lib.initialized = true;
}

void run_finalizers(const miniload_library& lib) {
    const Object& o = *lib.obj;
    for (const Addr* f = o.fini_array.end(); f-- != o.fini_array.begin;)
        if (is_entry(*f)) ((FiniFn)*f)();
    if (o.fini) ((FiniFn)(o.bias + o.fini))();
}

void copy_message(miniload_error* error, const lib::Context& c) {
    if (!error) return;
    memcpy(error->message, c.message, c.message_len + 1);
}

// Appends to a caller's buffer, keeping it NUL-terminated, and counts what
// would have been written.
struct Out {
    char* buf;
    usize size;
    usize len = 0;
    Out& add(const char* s) {
        for (; *s; ++s, ++len)
            if (len + 1 < size) buf[len] = *s;
        if (size) buf[len < size ? len : size - 1] = 0;
        return *this;
    }
};

miniload_library* load(const char* path, const void* data, usize size, const miniload_options* options,
                       miniload_error* error) {
    miniload_options none = {};
    const miniload_options& o = options ? *options : none;
    // A resolver, or an ifunc's, that loads would wait forever for the lock
    // its own thread holds.
    if (lib::owned()) {
        if (error)
            Out{error->message, sizeof error->message}.add("miniload: ").add(path ? path : o.name ? o.name : memory_name)
                .add(": cannot load from within another load (a resolver's call?)");
        return nullptr;
    }
    Load ld;
    ld.file.fd = -1;
    ld.lib = nullptr;
    lib::begin(ld.ctx);
    if (__builtin_setjmp(ld.ctx.jump)) {
        undo(ld);
        lib::end();
        copy_message(error, ld.ctx);
        return nullptr;
    }
    load_steps(ld, path, data, size, o);
    lib::end();
    run_initializers(*ld.lib);
    return ld.lib;
}

void unload(miniload_library* lib) {
    if (lib->initialized) run_finalizers(*lib);
    if (lib->tls) tls_detach(*lib->tls);
    sys::munmap((void*)lib->obj->reserved, lib->reserve_len);
    for (usize i = 0; i < lib->ndeps; ++i) miniload_release(lib->deps[i]);
    lib->arena.release();  // lib itself lives in it
}

}  // namespace

const Process& lib_process() { return process(); }

extern "C" {

miniload_library* miniload_open(const char* path, const miniload_options* options, miniload_error* error) {
    return load(path, nullptr, 0, options, error);
}

miniload_library* miniload_open_memory(const void* data, size_t size, const miniload_options* options,
                                       miniload_error* error) {
    return load(nullptr, data, size, options, error);
}

miniload_library* miniload_retain(miniload_library* lib) {
    __atomic_add_fetch(&lib->refs, 1, __ATOMIC_RELAXED);
    return lib;
}

void miniload_release(miniload_library* lib) {
    if (lib && __atomic_sub_fetch(&lib->refs, 1, __ATOMIC_ACQ_REL) == 0) unload(lib);
}

size_t miniload_symbol_error(const miniload_library* lib, const char* name, char* buffer, size_t size) {
    Out out{buffer, size};
    return out.add("miniload: ").add(lib->obj->path).add(": undefined symbol: ").add(name).len;
}

const char* miniload_path(const miniload_library* lib) { return lib->obj->path; }

uintptr_t miniload_base(const miniload_library* lib) { return lib->obj->bias; }

}  // extern "C"
