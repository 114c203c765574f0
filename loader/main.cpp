// miniload's flow, one pass from the kernel's stack to the program's entry:
// options -> map the program -> (interpreter | static | self-link) -> stack -> jump.
#include "diag.hpp"
#include "image.hpp"
#include "options.hpp"
#include "process.hpp"
#include "syscalls.hpp"

void self_relocate();

namespace {

// True when the program has a PT_DYNAMIC with DT_NEEDED entries, i.e. it needs
// a dynamic linker to run at all.
bool needs_libraries(const Object& obj) {
    if (!obj.dynamic) return false;
    const elf::Phdr& d = *obj.dynamic;
    for (unsigned i = 0; i < obj.phnum; ++i) {
        const elf::Phdr& l = obj.phdr[i];
        if (l.p_type == elf::PT_LOAD && d.p_vaddr >= l.p_vaddr && d.p_memsz <= l.p_memsz &&
            d.p_vaddr - l.p_vaddr <= l.p_memsz - d.p_memsz) {
            const elf::Dyn* dyn = (const elf::Dyn*)(obj.bias + d.p_vaddr);
            for (usize n = d.p_memsz / sizeof(elf::Dyn), k = 0; k < n && dyn[k].d_tag != elf::DT_NULL; ++k)
                if (dyn[k].d_tag == elf::DT_NEEDED) return true;
            return false;
        }
    }
    diag::fail(obj.path, "PT_DYNAMIC lies outside the loadable segments");
}

}  // namespace

extern "C" [[noreturn]] void loader_main(uptr* sp) {
    self_relocate();
    Process proc(sp);
    Options opt = parse_options(proc);
    Arena arena(proc.page_size());

    Object prog;
    load_image(prog, opt.program, arena);

    const char* interp_path = opt.interp ? opt.interp : prog.interp;
    uptr entry = prog.entry, base = 0;
    if (interp_path) {
        Object interp;
        load_image(interp, interp_path, arena);
        entry = interp.entry;
        base = interp.bias;
    } else if (needs_libraries(prog)) {
        diag::fail(opt.program, "needs shared libraries but names no interpreter");
    }

    rewrite_stack(proc, opt.program_index, opt.argv0,
                  {prog.phdr_addr, sizeof(elf::Phdr), prog.phnum, prog.entry, base, opt.program});
    arch_enter(proc.sp, entry, 0);
}
