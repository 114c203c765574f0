# i386: cross-built with Debian's i686-linux-gnu toolchain, run under qemu.
# (The compiler's triplet says i686; the multiarch library directory, in
# arch.hpp, says i386.)
TRIPLET := i686-linux-gnu
QEMU := qemu-i386
ARCH_FLAGS := -mgeneral-regs-only
# GCC only: lay out arrays at their ABI alignment, not 32 bytes for speed.
GCC_ARCH_FLAGS := -malign-data=abi
TLSDESC_FLAGS := -mtls-dialect=gnu2
# libminiload's tests (tests/fixtures/library): SSE, so that the plugin and
# its hosts pass vector arguments in xmm registers through the lazy binder.
LIB_TEST_FLAGS := -msse2
