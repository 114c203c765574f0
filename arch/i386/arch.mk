# i386: cross-built with Debian's i686-linux-gnu toolchain, run under qemu.
# (The compiler's triplet says i686; the multiarch library directory, in
# arch.hpp, says i386.)
TRIPLET := i686-linux-gnu
QEMU := qemu-i386
# -mregparm=3: miniload's own functions take their first three arguments in
# eax, edx and ecx, which takes 4% off the binary; start.S follows suit, and
# calls into the program's code go through ARCH_C_CALL (arch.hpp).
ARCH_FLAGS := -mgeneral-regs-only -mregparm=3
TLSDESC_FLAGS := -mtls-dialect=gnu2
