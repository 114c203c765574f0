# x86_64: native on the build machine. TLSDESC_FLAGS builds one fixture
# library with TLS descriptors, which this ABI makes optional.
TRIPLET := x86_64-linux-gnu
QEMU :=
ARCH_FLAGS := -mgeneral-regs-only
# GCC only: lay out arrays at their ABI alignment, not 32 bytes for speed.
GCC_ARCH_FLAGS := -malign-data=abi
TLSDESC_FLAGS := -mtls-dialect=gnu2
