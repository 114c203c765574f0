# arm: cross-built with Debian's arm-linux-gnueabihf toolchain (Thumb-2 code),
# run under qemu.
TRIPLET := arm-linux-gnueabihf
QEMU := qemu-arm
# -fomit-frame-pointer keeps r7, Thumb's frame pointer, free for the syscall
# number, even at -O0 where GCC would otherwise keep a frame pointer in it.
ARCH_FLAGS := -mgeneral-regs-only -fomit-frame-pointer
# TLS descriptors are optional here (GCC defaults to __tls_get_addr); one
# fixture library is built with them.
TLSDESC_FLAGS := -mtls-dialect=gnu2
