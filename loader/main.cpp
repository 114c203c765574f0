// miniload's flow, one pass from the kernel's stack to the program's entry:
// options -> map the program -> (interpreter | static | self-link) -> stack -> jump.
#include "diag.hpp"
#include "dynamic.hpp"
#include "identity.hpp"
#include "image.hpp"
#include "init.hpp"
#include "linkmap.hpp"
#include "options.hpp"
#include "process.hpp"
#include "relocate.hpp"
#include "symbols.hpp"
#include "syscalls.hpp"
#include "tls.hpp"

extern "C" char _start[] __attribute__((visibility("hidden")));

namespace {

// A file that shrinks after miniload mapped it raises SIGBUS on the first
// page read past its new end. While miniload reads the files that is a
// diagnosed error about the program being loaded; the program's own code,
// initialisers included, runs with the default action.
void on_bus_error(int) { diag::fail(diag::program, "a mapped file shrank while loading"); }

void catch_bus_errors(void (*handler)(int)) {
    // The kernel's struct sigaction: handler, flags, restorer, mask (riscv64
    // has no restorer and reads its empty mask from that word). x86_64 will
    // not deliver a signal without SA_RESTORER, though this handler never
    // returns; the other kernels ignore the flag or never use the restorer.
    constexpr uptr sa_restorer = 0x04000000;
    constexpr int sigbus = 7;  // on every architecture miniload supports
    const uptr act[4] = {(uptr)handler, sa_restorer, 0, 0};
    sys::sigaction(sigbus, act);
}

// What link_and_run and a hand-over share, up to the jump: the entry point
// of `runs` checked, --verify's end, and the program's own view of the
// process (argv without miniload's own words, auxv with AT_BASE = `base`
// and AT_EXECFN = PROGRAM, identity unless fd < 0).
uptr prepare_start(Process& proc, const Options& opt, const Object& prog, const Object& runs, uptr base, int fd) {
    uptr entry = runs.code(runs.entry, "entry point");
    if (opt.verify) sys::exit_group(0);
    catch_bus_errors(nullptr);
    rewrite_stack(proc, opt.program_index, opt.argv0,
                  {{prog.phdr_addr, sizeof(elf::Phdr), prog.phnum, prog.entry, base, (uptr)opt.program}});
    // Before any of the program's code, its initialisers included, runs.
    if (fd >= 0) take_identity(proc, opt, fd);
    return entry;
}

// Links the program (its dynamic section decoded) and everything it needs
// here, then runs it. `fd` is the program's descriptor, or -1 when the
// kernel started it (and miniload as its PT_INTERP).
[[noreturn]] void link_and_run(const Process& initial, const Options& options, Arena& arena, Object& prog, int fd) {
    // The program's stack will reuse this frame: what lazy binding and
    // finalisers read after the jump lives in the arena.
    Process& proc = *(Process*)memcpy(arena.alloc(sizeof(Process)), &initial, sizeof(Process));
    const Options& opt = *(Options*)memcpy(arena.alloc(sizeof(Options)), &options, sizeof(Options));
    Linker& l = *arena.create<Linker>(arena, opt, proc);
    l.bind_now = opt.bind_now || opt.verify;
    l.add(&prog);
    load_dependencies(l);
    if (opt.list) {
        print_link_map(l);
        sys::exit_group(0);
    }
    check_versions(l);
    setup_tls(l);
    for (u32 i = l.count; i-- > 0;) relocate_object(l, *l.objs[i]);
    if (l.undefined) sys::exit_group(diag::exit_status);
    copy_tls_images(l);
    for (u32 i = 0; i < l.count; ++i) protect_relro(*l.objs[i]);
    // AT_BASE is the linker's, miniload's.
    uptr entry = prepare_start(proc, opt, prog, prog, self_range().start, fd);
    run_initializers(l, proc.argc, proc.argv, proc.envp);
    arch_enter(proc.sp, entry, (uptr)&miniload_fini);
}

}  // namespace

extern "C" [[noreturn]] void loader_main(uptr* sp) {
    catch_bus_errors(on_bus_error);
    Process proc(sp);
    Arena arena(proc.page_size());

    // Started by the kernel as a program's PT_INTERP: the program is mapped,
    // and exe, comm and cmdline are already its own (no take_identity).
    if (proc.aux[AT_ENTRY] != (uptr)_start) {
        Options opt;  // PROGRAM: the file the kernel ran, whose argv is all its own
        apply_environment(opt, proc);
        const char* path = proc.aux[AT_EXECFN] ? (const char*)proc.aux[AT_EXECFN] : proc.argv[0];
        diag::program = opt.program = path;
        if (proc.aux[AT_PHENT] != sizeof(elf::Phdr)) diag::bad(path, "AT_PHENT");
        Object* prog = arena.make<Object>();
        adopt_mapped(*prog, path, proc.aux[AT_PHDR], proc.aux[AT_PHNUM], proc.aux[AT_ENTRY]);
        decode_dynamic(*prog, arena);
        link_and_run(proc, opt, arena, *prog, -1);
    }

    Options opt = parse_options(proc);
    // take_identity moves --argv0's NAME over PROGRAM's word: keep a copy.
    if (opt.argv0) opt.program = arena.copy_string(opt.program, str_len(opt.program));
    diag::program = opt.program;
    Object* prog = arena.make<Object>();
    int fd = load_image(*prog, opt.program, arena);

    if (opt.list && !prog->dynamic) {
        diag::Line(1).str("\tstatically linked").emit();
        sys::exit_group(0);
    }
    const char* interp_path = opt.interp ? opt.interp : opt.self_link || opt.list ? nullptr : prog->interp;
    const Object* runs = prog;  // what miniload jumps to
    uptr base = 0;
    if (interp_path) {
        Object* interp = arena.make<Object>();  // zeroed memory is a default Object
        sys::close(load_image(*interp, interp_path, arena));
        runs = interp;
        base = interp->bias;
    } else {
        decode_dynamic(*prog, arena);
        // load_dependencies checks the DT_NEEDED names.
        if (opt.self_link || opt.list || prog->needs_libraries) link_and_run(proc, opt, arena, *prog, fd);
    }
    uptr entry = prepare_start(proc, opt, *prog, *runs, base, fd);
    arch_enter(proc.sp, entry, 0);
}
