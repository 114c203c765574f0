// Mapping an ELF file — technical note.
//
// Every PT_LOAD asks for bytes [p_offset, p_offset + p_filesz) of the file at
// address bias + p_vaddr, followed by p_memsz - p_filesz zero bytes (.bss).
// mmap works in pages, so a segment is mapped from page_down(vaddr) and from
// the matching page_down(offset); that only works when vaddr and offset are
// congruent modulo the page size, which is checked first.
//
// The whole span of the object is reserved with one PROT_NONE mapping before
// any segment is placed, then each segment is mapped MAP_FIXED inside it:
//   - ET_DYN: the reservation goes wherever the kernel likes (over-reserved
//     when p_align asks for more than a page, the slack left reserved);
//     bias = where it landed minus the lowest p_vaddr.
//   - ET_EXEC: the reservation is made at the fixed addresses with
//     MAP_FIXED_NOREPLACE, so a program can never silently replace miniload,
//     the stack or anything else already mapped; bias = 0.
// The last file page of a segment with .bss holds file bytes past p_filesz;
// they are zeroed by hand up to the page end, as the kernel does, and the rest
// of .bss is fresh anonymous memory.
//
// The file is hostile: its size comes from statx, and every offset and size is
// checked against it (or against the span) with overflow-safe arithmetic before
// anything is read or mapped.
#include "image.hpp"
#include "diag.hpp"
#include "syscalls.hpp"

using namespace elf;

extern "C" {
extern const Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern char _end[] __attribute__((visibility("hidden")));
}

SelfRange self_range() { return {(uptr)&__ehdr_start, (uptr)_end}; }

namespace {

constexpr usize head_size = 1024;  // one read covers the headers of most files

using File = ImageFile;

void read_exact(const File& f, void* buf, usize n, uptr off) {
    for (usize done = 0; done < n;) {
        long r = sys::pread(f.fd, (char*)buf + done, n - done, off + done);
        if (sys::is_err(r)) diag::fail_errno(f.path, "cannot read", r);
        if (r == 0) diag::fail(f.path, "file is truncated");
        done += (usize)r;
    }
}

// Copies bytes [off, off+len) of the file into dst, from the head when they
// are there.
void copy_bytes(const File& f, void* dst, usize len, uptr off) {
    if (range_inside<uptr>(off, len, f.head_len)) memcpy(dst, f.head + off, len);
    else read_exact(f, dst, len, off);
}

}  // namespace

long open_image(File& f, const char* path, Arena& arena, bool must) {
    long fd = sys::open_read(path);
    if (sys::is_err(fd)) {
        if (must) diag::fail_errno(path, "cannot open", fd);
        return fd;
    }
    struct statx st;
    long r = sys::statx((int)fd, &st);
    if (!sys::is_err(r) && (st.stx_mode & S_IFMT) != S_IFREG)
        // ENOEXEC stands for "not a regular file" (diag.cpp says so): a
        // library search that meets a FIFO or a device reports that.
        r = (st.stx_mode & S_IFMT) == S_IFDIR ? -EISDIR : -ENOEXEC;
    if (sys::is_err(r)) {
        sys::close((int)fd);
        if (!must) return r;
        if (r == -ENOEXEC) diag::fail(path, "not a regular file");
        diag::fail_errno(path, r == -EISDIR ? "cannot load" : "cannot stat", r);
    }
    f.path = path;
    f.fd = (int)fd;
    f.size = st.stx_size > ~(uptr)0 ? ~(uptr)0 : (uptr)st.stx_size;
    f.dev = (u64)st.stx_dev_major << 32 | st.stx_dev_minor;
    f.ino = st.stx_ino;
    f.head_len = f.size < head_size ? (usize)f.size : head_size;
    u8* head = (u8*)arena.alloc(head_size);
    read_exact(f, head, f.head_len, 0);
    f.head = head;
    return 0;
}

namespace {

// "\x7fELF", compared as one little-endian word (every machine miniload
// runs on is little-endian) rather than byte by byte.
bool has_magic(const u8* id) {
    u32 word;
    __builtin_memcpy(&word, id, 4);
    return word == (MAG0 | MAG1 << 8 | MAG2 << 16 | (u32)MAG3 << 24);
}

}  // namespace

bool image_is_ours(const File& f) {
    const Ehdr& h = *(const Ehdr*)f.head;
    return f.head_len >= sizeof(Ehdr) && has_magic(h.e_ident) && h.e_ident[EI_CLASS] == arch::elf_class &&
           h.e_ident[EI_DATA] == DATA2LSB && h.e_machine == arch::elf_machine;
}

namespace {

constexpr auto expected_machine = concat(", expected ", arch::machine_name);

void check_ehdr(const File& f) {
    const u8* id = f.head;
    if (f.size == 0) diag::fail(f.path, "file is empty");
    if (f.size < 4 || !has_magic(id))
        diag::fail(f.path, "not an ELF file");
    if (f.size < sizeof(Ehdr)) diag::fail(f.path, "truncated ELF header");
    if (id[EI_CLASS] != arch::elf_class)
        diag::fail(f.path, id[EI_CLASS] == CLASS32 ? "wrong ELF class: ELFCLASS32"
                           : id[EI_CLASS] == CLASS64 ? "wrong ELF class: ELFCLASS64"
                                                     : "invalid ELF class");
    if (id[EI_DATA] != DATA2LSB) diag::fail(f.path, "wrong byte order: not little-endian");
    const Ehdr& h = *(const Ehdr*)f.head;
    if (id[EI_VERSION] != EV_CURRENT || h.e_version != EV_CURRENT)
        diag::fail(f.path, "unsupported ELF version");
    if (h.e_type == ET_REL) diag::fail(f.path, "cannot load a relocatable object (ET_REL); link it first");
    if (h.e_type == ET_CORE) diag::fail(f.path, "cannot load a core dump (ET_CORE)");
    if (h.e_type != ET_EXEC && h.e_type != ET_DYN)
        diag::about(f.path).str("unknown ELF file type ").dec(h.e_type).die();
    if (h.e_machine != arch::elf_machine)
        diag::about(f.path).str("wrong machine type ").dec(h.e_machine)
            .str(expected_machine.text).die();
    if (h.e_phentsize != sizeof(Phdr)) diag::bad(f.path, "program header entry size");
    if (h.e_phnum == 0) diag::fail(f.path, "no program headers");
    if (h.e_phnum > max_phnum) diag::fail(f.path, "too many program headers (limit 512)");
    if (!range_inside<uptr>(h.e_phoff, (uptr)h.e_phnum * sizeof(Phdr), f.size))
        diag::fail(f.path, "program headers lie outside the file");
}

struct Span { uptr lo, hi, align; };

// The segments the linker acts on later, for a file mapped here or by the kernel.
__attribute__((noinline)) void note_segment(Object& obj, const Phdr& ph) {
    switch (ph.p_type) {
    case PT_DYNAMIC: obj.dynamic = &ph; break;
    case PT_TLS: obj.tls = &ph; break;
    case PT_GNU_RELRO: obj.relro = &ph; break;
    }
}

// Validates every segment the loader will act on and returns the page-rounded
// span of the PT_LOADs.
Span check_segments(const File& f, Object& obj, uptr page, Arena& arena) {
    Span s{~(uptr)0, 0, page};
    bool any = false;
    for (unsigned i = 0; i < obj.phnum; ++i) {
        const Phdr& ph = obj.phdr[i];
        switch (ph.p_type) {
        case PT_LOAD: {
            uptr end;
            if (ph.p_filesz > ph.p_memsz) diag::fail(f.path, "segment's file size exceeds its memory size");
            if (ph.p_filesz && !range_inside<uptr>(ph.p_offset, ph.p_filesz, f.size))
                diag::fail(f.path, "segment lies outside the file");
            if ((ph.p_vaddr - ph.p_offset) & (page - 1))
                diag::fail(f.path, "segment's address and offset differ modulo the page size");
            if (add_overflows<uptr>(ph.p_vaddr, ph.p_memsz, &end) || end > ~(uptr)0 - page)
                diag::fail(f.path, "segment's address range overflows");
            // Not even a page in common: the later mapping would replace the
            // earlier segment's bytes and permissions in that page.
            if (any && ph.p_vaddr < s.hi) diag::fail(f.path, "segments are unsorted or share a page");
            if (!any) s.lo = page_down(ph.p_vaddr, page);
            s.hi = page_up(end, page);
            if (ph.p_align > s.align && !(ph.p_align & (ph.p_align - 1))) s.align = ph.p_align;
            any = true;
            break;
        }
        case PT_INTERP: {
            if (ph.p_filesz < 2 || ph.p_filesz > max_path || !range_inside<uptr>(ph.p_offset, ph.p_filesz, f.size))
                diag::bad(f.path, "PT_INTERP");
            char* s = (char*)arena.alloc(ph.p_filesz);
            copy_bytes(f, s, ph.p_filesz, ph.p_offset);
            if (s[ph.p_filesz - 1] != 0 || !*s) diag::bad(f.path, "PT_INTERP");
            obj.interp = s;
            break;
        }
        default: note_segment(obj, ph);
        }
    }
    if (!any) diag::fail(f.path, "no loadable segments");
    return s;
}

int prot_of(u32 flags) {
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

// "PREFIX 0xLO-0xHI SUFFIX[: strerror]" about a range of addresses.
[[noreturn]] void fail_range(const char* path, const char* prefix, uptr lo, uptr hi,
                             const char* suffix, long err) {
    diag::Line l = diag::about(path);
    l.str(prefix).str(" ").hex(lo).str("-").hex(hi).str(suffix);
    if (err) l.str(": ").err(err);
    l.die();
}

// Relocation writes nearly every page of PT_GNU_RELRO (the GOT, relocated
// read-only data), which linkers put at the start of the writable segment:
// populating those pages in one call costs far less than a page fault for
// each. From `anon`, the segment's first page, to the end of RELRO within
// the segment's file part. Only a hint: its result is ignored (kernels
// before 5.14 do not know it).
void populate_relro(const Object& obj, uptr seg, uptr file_end, uptr anon, uptr page) {
    const Phdr* r = obj.relro;
    if (!r) return;
    uptr start = obj.bias + r->p_vaddr;
    if (start - seg >= file_end - seg) return;  // not in this segment's file part
    uptr end = r->p_memsz < file_end - start ? start + r->p_memsz : file_end;
    sys::sc(__NR_madvise, anon, page_up(end, page) - anon, MADV_POPULATE_WRITE);
}

// `fixed` for an ET_EXEC: exactly at its addresses, never over an existing
// mapping. An ET_DYN goes anywhere, with slack to honour p_align (left reserved).
void map_segments(const File& f, Object& obj, Span s, uptr page, bool fixed) {
    uptr len = s.hi - s.lo;
    uptr slack = fixed ? 0 : s.align - page;
    if (fixed) {
        SelfRange me = self_range();
        if (s.lo < me.end && me.start < s.hi)
            fail_range(f.path, "segments", s.lo, s.hi, " would overlap miniload itself", 0);
    }
    // A span so large that the slack wraps it around is never reserved, so
    // a failure here leaves nothing mapped.
    long r = len + slack < len ? -ENOMEM
             : sys::mmap_anon(fixed ? (void*)s.lo : nullptr, len + slack, PROT_NONE, fixed ? MAP_FIXED_NOREPLACE : 0);
    if (fixed && !sys::is_err(r) && (uptr)r != s.lo) r = -EEXIST;  // kernels before 4.17 take it as a hint
    if (sys::is_err(r)) fail_range(f.path, "cannot map segments", s.lo, s.hi, "", r);
    // As for the kernel, p_align moves only what may go anywhere: rounding
    // an ET_EXEC's start down would leave its reservation.
    uptr start = fixed ? s.lo : ((uptr)r + slack) & ~(s.align - 1);
    obj.bias = start - s.lo;
    obj.map_start = start;
    obj.reserved = (uptr)r;

    for (unsigned i = 0; i < obj.phnum; ++i) {
        const Phdr& ph = obj.phdr[i];
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        int prot = prot_of(ph.p_flags);
        uptr seg = obj.bias + ph.p_vaddr;
        uptr file_end = seg + ph.p_filesz;
        uptr mem_end = seg + ph.p_memsz;
        uptr anon = page_down(seg, page);
        if (ph.p_filesz) {
            uptr off = ph.p_offset - (seg - anon);
            long r = sys::mmap((void*)anon, page_up(file_end, page) - anon, prot,
                               MAP_PRIVATE | MAP_FIXED, f.fd, off);
            if (sys::is_err(r)) fail_range(f.path, "cannot map segment", seg, mem_end, "", r);
            populate_relro(obj, seg, file_end, anon, page);
            anon = page_up(file_end, page);
            // Zero to the end of the page, not just to p_memsz: like the kernel,
            // so an allocator that carves memory past .bss (ld.so's does) finds zeros.
            uptr tail = anon - file_end;
            if (mem_end > file_end && tail) {
                if (!(prot & PROT_WRITE)) sys::mprotect((void*)page_down(file_end, page), page, prot | PROT_WRITE);
                memset((void*)file_end, 0, tail);
                if (!(prot & PROT_WRITE)) sys::mprotect((void*)page_down(file_end, page), page, prot);
            }
        }
        if (page_up(mem_end, page) > anon) {
            long r = sys::mmap_anon((void*)anon, page_up(mem_end, page) - anon, prot, MAP_FIXED);
            if (sys::is_err(r)) fail_range(f.path, "cannot map segment", seg, mem_end, "", r);
        }
    }
}

// Where the program headers are in memory, for AT_PHDR: PT_PHDR if present,
// else the loaded bytes that hold e_phoff, else miniload's copy.
uptr phdr_address(const Object& obj, uptr phoff) {
    usize bytes = (usize)obj.phnum * sizeof(Phdr);
    for (unsigned i = 0; i < obj.phnum; ++i)
        if (obj.phdr[i].p_type == PT_PHDR) return obj.bias + obj.phdr[i].p_vaddr;
    for (unsigned i = 0; i < obj.phnum; ++i) {
        const Phdr& ph = obj.phdr[i];
        if (ph.p_type == PT_LOAD && phoff >= ph.p_offset && phoff - ph.p_offset + bytes <= ph.p_filesz)
            return obj.bias + ph.p_vaddr + (uptr)(phoff - ph.p_offset);
    }
    return (uptr)obj.phdr;
}

}  // namespace

// Out of line through link-time optimisation: main loads the program and
// its interpreter, and two inlined copies are larger than the calls.
__attribute__((noinline)) int load_image(Object& obj, const char* path, Arena& arena) {
    File f;
    open_image(f, path, arena, true);
    map_image(obj, f, arena);
    return f.fd;
}

void map_image(Object& obj, const File& f, Arena& arena) {
    uptr page = arena.page_size();
    obj.path = f.path;
    obj.dev = f.dev;
    obj.ino = f.ino;
    check_ehdr(f);
    const Ehdr& h = *(const Ehdr*)f.head;
    obj.phnum = h.e_phnum;
    Phdr* phdr = arena.make<Phdr>(obj.phnum);
    copy_bytes(f, phdr, (usize)h.e_phnum * sizeof(Phdr), h.e_phoff);
    obj.phdr = phdr;
    Span s = check_segments(f, obj, page, arena);
    map_segments(f, obj, s, page, h.e_type == ET_EXEC);
    obj.entry = obj.bias + (uptr)h.e_entry;
    obj.phdr_addr = phdr_address(obj, h.e_phoff);
}

void adopt_mapped(Object& obj, const char* path, uptr phdr, uptr phnum, uptr entry) {
    obj.path = path;
    obj.phdr = (const Phdr*)phdr;
    obj.phnum = (u16)phnum;
    obj.phdr_addr = phdr;
    obj.entry = entry;
    const Phdr* self = nullptr;
    for (unsigned i = 0; i < phnum; ++i) {
        const Phdr& ph = obj.phdr[i];
        if (ph.p_type == PT_PHDR) self = &ph;
        note_segment(obj, ph);
    }
    if (!self) diag::fail(path, "has no PT_PHDR");
    obj.bias = phdr - self->p_vaddr;
}
