# aarch64: cross-built with Debian's aarch64-linux-gnu toolchain, run under qemu.
TRIPLET := aarch64-linux-gnu
QEMU := qemu-aarch64
ARCH_FLAGS := -mgeneral-regs-only
# GCC already uses TLS descriptors here, so the descriptor fixture needs no flag.
TLSDESC_FLAGS :=
