# i386: cross-built with Debian's i686-linux-gnu toolchain, run under qemu.
# (The compiler's triplet says i686; the multiarch library directory, in
# arch.hpp, says i386.)
TRIPLET := i686-linux-gnu
QEMU := qemu-i386
# -fomit-frame-pointer: Debian's i686 compiler keeps ebp as a frame pointer
# by default, which costs every function a prologue and the allocator a
# register; syscall6 in arch.hpp copes with either.
ARCH_FLAGS := -mgeneral-regs-only -fomit-frame-pointer
TLSDESC_FLAGS := -mtls-dialect=gnu2
