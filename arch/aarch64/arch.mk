# aarch64: cross-built with Debian's aarch64-linux-gnu toolchain, run under qemu.
TRIPLET := aarch64-linux-gnu
QEMU := qemu-aarch64
# -fplt: with -fno-plt GCC calls every function the core merely declares
# through a GOT slot, and ld does not relax those back to `bl` here, so the
# call to self_relocate would go through a slot not yet relocated.
ARCH_FLAGS := -mgeneral-regs-only -fplt
