# aarch64: cross-built with Debian's aarch64-linux-gnu toolchain, run under qemu.
TRIPLET := aarch64-linux-gnu
QEMU := qemu-aarch64
# tiny: one adr instead of adrp+add per address (miniload is far below 1 MiB).
# -fno-tree-slsr: smaller here, and the budget is tightest on this arch.
ARCH_FLAGS := -mgeneral-regs-only -mcmodel=tiny -fomit-frame-pointer -fno-tree-slsr
# GCC only, the executable only (Makefile): no SSA constant propagation and
# no caller-saved registers kept across calls, together 24 bytes smaller here.
EXE_ARCH_FLAGS := -fno-tree-ccp -fno-caller-saves
# GCC already uses TLS descriptors here, so the descriptor fixture needs no flag.
TLSDESC_FLAGS :=
# libminiload's TLS plugin is built both ways: through __tls_get_addr (this
# flag) and with descriptors (the default here).
TLS_TRAD_FLAGS := -mtls-dialect=trad
# libminiload (lib/lib.mk): atomics inline, not calls into libgcc.
LIB_ARCH_FLAGS := -mno-outline-atomics
