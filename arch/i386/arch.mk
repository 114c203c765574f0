# i386: cross-built with Debian's i686-linux-gnu toolchain, run under qemu.
# (The compiler's triplet says i686; the multiarch library directory, in
# arch.hpp, says i386.)
TRIPLET := i686-linux-gnu
QEMU := qemu-i386
# -fomit-frame-pointer: Debian's i686 compiler keeps ebp as a frame pointer
# by default, which costs every function a prologue and the allocator a
# register; syscall6 in arch.hpp copes with either. -mregparm=3: miniload's
# own calls pass arguments in registers (see arch.hpp and start.S).
ARCH_FLAGS := -mgeneral-regs-only -fomit-frame-pointer -mregparm=3
# GCC only: lay out arrays at their ABI alignment, not 32 bytes for speed.
GCC_ARCH_FLAGS := -malign-data=abi
# GCC only, the executable only (Makefile): no coalescing of variables
# before register allocation, 28 bytes smaller here.
EXE_ARCH_FLAGS := -fno-tree-coalesce-vars
# libminiload is called by hosts built for the psABI: no -mregparm there.
LIB_DROP_FLAGS := -mregparm=3
TLSDESC_FLAGS := -mtls-dialect=gnu2
# libminiload's tests (tests/fixtures/library): SSE, so that the plugin and
# its hosts pass vector arguments in xmm registers through the lazy binder.
LIB_TEST_FLAGS := -msse2
