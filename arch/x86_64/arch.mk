# x86_64: native on the build machine.
TRIPLET := x86_64-linux-gnu
QEMU :=
ARCH_FLAGS := -mgeneral-regs-only -mno-red-zone
