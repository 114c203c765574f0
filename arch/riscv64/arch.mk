# riscv64: cross-built with Debian's riscv64-linux-gnu toolchain, run under qemu.
TRIPLET := riscv64-linux-gnu
QEMU := qemu-riscv64
# GCC has no -mgeneral-regs-only here; leaving F, D and V out of -march keeps
# the loader off the floating-point registers (LP64 follows, since LP64D needs D).
# -mtune=size: the default tuning assumes misaligned accesses are slow and
# expands them (and copies of unknown alignment) byte by byte; Linux makes
# them work on every RISC-V machine, and miniload ships for size.
ARCH_FLAGS := -march=rv64imac -mabi=lp64 -mtune=size
# GCC only: lay out arrays, strings included, at their natural alignment,
# not padded to 8 bytes each for word-at-a-time access.
GCC_ARCH_FLAGS := -malign-data=natural
# GCC only, the executable only (Makefile): no interprocedural scalar
# replacement of aggregates, 8 bytes smaller here.
EXE_ARCH_FLAGS := -fno-ipa-sra
# libminiload (lib/lib.mk) links into RV64GC/LP64D hosts, whose ABI passes
# floating-point arguments in fa0..fa7; its lazy-binding entry saves them.
LIB_DROP_FLAGS := -march=rv64imac -mabi=lp64 -mtune=size -malign-data=natural
LIB_ARCH_FLAGS := -march=rv64gc -mabi=lp64d
