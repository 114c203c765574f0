// Building the link map — technical note.
//
// A bare DT_NEEDED name is looked for, as ld.so does, in: the requester's
// DT_RPATH and then its loaders' (only when the requester has no
// DT_RUNPATH), --library-path or LD_LIBRARY_PATH, the requester's
// DT_RUNPATH, then the system directories of the arch's multiarch triplet
// and /lib, /usr/lib. A name with a slash is a path. $ORIGIN in a search
// path is the directory of the object that carries it; under AT_SECURE such
// entries are ignored, as are the environment's paths and preloads.
//
// An object is loaded once: a name matching an earlier object's DT_SONAME
// (or path) is that object, and so is a file with the same device and inode.
// A file of another class or machine met during a search is skipped.
#include "linkmap.hpp"
#include "diag.hpp"
#include "dynamic.hpp"
#include "image.hpp"
#include "syscalls.hpp"

Linker::Linker(Arena& a, const Options& o, const Process& p)
    : arena(a), opt(o), proc(p), objs(a.make<Object*>(max_objects)) {}

Object& Linker::add(Object* obj) {
    if (count == max_objects)
        diag::fail(obj->path, "too many objects (limit 1024)");
    obj->linker = this;
    objs[count++] = obj;
    return *obj;
}

namespace {

// "/lib/<triplet>:/usr/lib/<triplet>:/lib:/usr/lib", built at compile time.
constexpr auto system_dirs = concat("/lib/", arch::multiarch, ":/usr/lib/", arch::multiarch, ":/lib:/usr/lib");

struct Search {
    Linker& l;
    const char* name;
    const Object* requester;
    long first_error = -ENOENT;  // what to report if nothing is found
    Object* found = nullptr;
};

// The directory part of a path ("." when there is none).
const char* dir_of(const char* path, usize* len) {
    usize slash = 0;
    bool any = false;
    for (usize i = 0; path[i]; ++i)
        if (path[i] == '/') slash = i, any = true;
    *len = any ? (slash ? slash : 1) : 1;
    return any ? path : ".";
}

Object* already_loaded(const Linker& l, const char* name) {
    for (u32 i = 0; i < l.count; ++i) {
        const Object* o = l.objs[i];
        if ((o->soname && str_eq(o->soname, name)) || str_eq(o->path, name)) return l.objs[i];
    }
    return nullptr;
}

// Keeps the first failure worth reporting should the search find nothing.
void note(Search& s, long err) {
    if (err != -ENOENT && err != -ENOTDIR && s.first_error == -ENOENT) s.first_error = err;
}

// The object the open file at `path` is: one loaded already (the same
// device and inode), else one loaded from it now, or null when it is
// another machine's.
Object* object_of(Search& s, ImageFile& f, const char* path) {
    for (u32 i = 0; i < s.l.count; ++i)
        if (s.l.objs[i]->dev == f.dev && s.l.objs[i]->ino == f.ino) return s.l.objs[i];
    if (!image_is_ours(f)) return nullptr;
    Object* obj = s.l.arena.make<Object>();
    char* kept = s.l.arena.copy_string(path, str_len(path));
    f.path = kept;
    map_image(*obj, f, s.l.arena);
    obj->loader = s.requester;
    decode_dynamic(*obj, s.l.arena);
    if (s.l.opt.debug)
        diag::Line().str("miniload: loaded ").str(kept).str(" at ").hex(obj->map_start).emit();
    return &s.l.add(obj);
}

// Tries one candidate path: s.found is set when the search is over.
void try_path(Search& s, const char* path) {
    ImageFile f;
    long r = open_image(f, path, s.l.arena, false);
    if (r < 0) {
        note(s, r);
        return;
    }
    s.found = object_of(s, f, path);
    sys::close(f.fd);
}

// Tries dir + "/" + name for each entry of a colon-separated list (none
// when null), until the search is over. An entry may hold $ORIGIN or
// ${ORIGIN}, the directory of `origin_of`.
void try_list(Search& s, const char* list, const Object* origin_of) {
    char path[max_path];
    for (const char* p = list; p && *p && !s.found;) {
        usize n = 0;
        bool skip = false;
        for (; *p && *p != ':'; ++p) {
            const char* rest = str_after(p, "$ORIGIN");
            if (!rest && (rest = str_after(p, "${ORIGIN}")) == nullptr) {
                if (n < max_path) path[n] = *p;
                ++n;
                continue;
            }
            if (!origin_of || s.l.proc.secure()) skip = true;
            usize len = 0;
            const char* dir = origin_of ? dir_of(origin_of->path, &len) : "";
            for (usize i = 0; i < len; ++i, ++n)
                if (n < max_path) path[n] = dir[i];
            p = rest - 1;
        }
        if (*p == ':') ++p;
        if (n == 0) path[n++] = '.';  // an empty entry is the current directory
        usize name_len = str_len(s.name);
        if (skip) continue;
        if (n + 1 + name_len + 1 > max_path) {
            note(s, -ENAMETOOLONG);  // longer than max_path, and than Linux's PATH_MAX
            continue;
        }
        path[n] = '/';
        memcpy(path + n + 1, s.name, name_len + 1);
        try_path(s, path);
    }
}

Object* find_library(Linker& l, const char* name, const Object* requester) {
    if (Object* o = already_loaded(l, name)) return o;
    Search s{l, name, requester};
    bool has_slash = false;
    for (const char* p = name; *p; ++p) has_slash |= *p == '/';
    if (has_slash) {
        try_path(s, name);
    } else {
        if (!requester->runpath)
            for (const Object* o = requester; o; o = o->loader) try_list(s, o->rpath, o);
        try_list(s, l.opt.library_path, nullptr);
        try_list(s, requester->runpath, requester);
        try_list(s, system_dirs.text, nullptr);
    }
    if (!s.found)
        diag::about(requester->path).str(name).str(": cannot open shared object file: ").err(s.first_error).die();
    return s.found;
}

}  // namespace

void load_dependencies(Linker& l) {
    Object& exe = *l.objs[0];
    // Preloads: separated by colons or spaces, searched like the
    // executable's own DT_NEEDED entries; they follow it in the scope.
    for (const char* p = l.opt.preload; p && *p;) {
        const char* name = p;
        while (*p && *p != ':' && *p != ' ') ++p;
        usize n = (usize)(p - name);
        if (*p) ++p;
        if (n) find_library(l, l.arena.copy_string(name, n), &exe);
    }
    for (u32 i = 0; i < l.count; ++i) {
        Object& o = *l.objs[i];
        o.deps = l.arena.make<Object*>(o.ndyn);  // at least as many as DT_NEEDED entries
        for_each_needed(o, [&](const char* name) {
            Object* dep = find_library(l, name, &o);
            // A library named twice is one dependency, so that walks over
            // deps stay as short as the number of distinct objects.
            for (u32 k = 0; k < o.ndeps; ++k)
                if (o.deps[k] == dep) return;
            o.deps[o.ndeps++] = dep;
        });
    }
}

void print_link_map(const Linker& l) {
    for (u32 i = 1; i < l.count; ++i) {
        const Object& o = *l.objs[i];
        const char* name = o.soname ? o.soname : o.path;
        diag::Line(1).str("\t").str(name).str(" => ").str(o.path).str(" (").hex(o.map_start).str(")").emit();
    }
}
