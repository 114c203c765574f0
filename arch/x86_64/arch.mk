# x86_64: native on the build machine. TLSDESC_FLAGS builds one fixture
# library with TLS descriptors, which this ABI makes optional.
TRIPLET := x86_64-linux-gnu
QEMU :=
ARCH_FLAGS := -mgeneral-regs-only
# GCC only: lay out arrays at their ABI alignment, not 32 bytes for speed.
GCC_ARCH_FLAGS := -malign-data=abi
# GCC only, the executable only (Makefile): no interprocedural scalar
# replacement of aggregates and no coalescing of variables before register
# allocation, together 51 bytes smaller here (each arch.mk has the ones
# that pay there).
EXE_ARCH_FLAGS := -fno-ipa-sra -fno-tree-coalesce-vars
TLSDESC_FLAGS := -mtls-dialect=gnu2
