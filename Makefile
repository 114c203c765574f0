# miniload — build, test, measure.
#   make                 build build/$(ARCH)/miniload (ARCH=x86_64 by default)
#   make demo            build and run a bundled example through miniload
#   make check           install test dependencies if missing, run every test
#   make size            size report of every built architecture
#   make fuzz            fuzz the loader's core on the build machine (FUZZ_SECONDS=60)

ARCH ?= x86_64
ARCHES := x86_64 aarch64 riscv64 i386 arm
include arch/$(ARCH)/arch.mk

NATIVE_TRIPLET := $(shell gcc -dumpmachine 2>/dev/null)
ifeq ($(TRIPLET),$(NATIVE_TRIPLET))
CROSS :=
else
CROSS := $(TRIPLET)-
endif
CXX := $(CROSS)g++
ifneq ($(findstring clang,$(CXX)),)
COMPILER_FLAGS := --target=$(TRIPLET)
else
# -fno-expensive-optimizations and -fno-move-loop-invariants: 1-2% smaller
# on every arch for about 4% more instructions on relocation-heavy loads;
# the size budget is the harder limit.
COMPILER_FLAGS := -fno-tree-loop-distribute-patterns -fno-tree-tail-merge -fno-expensive-optimizations -fno-move-loop-invariants \
    $(GCC_ARCH_FLAGS)
# For the executable only, not the library (lib/lib.mk, built for speed).
# Link-time optimisation: optimised as one unit, 1-6% smaller. The objects
# keep their ordinary code as well (fat), so that the size report can link
# them without it, file by file. Then another 1.5-2% on every arch, for
# the same reason as above: no loop invariants hoisted at the tree level
# either, no final values of loop counters computed after the loop, no
# dominator-based redundancy elimination and jump threading, no forward
# propagation of register values into their uses, no straight-line strength
# reduction, no shrink-wrapping, no clones specialised for constant
# arguments, and points-to analysis across files. An arch may add flags of
# its own that pay there and cost elsewhere (EXE_ARCH_FLAGS, arch.mk).
EXE_FLAGS := -flto -ffat-lto-objects -fno-tree-loop-im -fno-tree-scev-cprop -fno-tree-dominator-opts \
    -fno-forward-propagate -fno-tree-slsr -fno-shrink-wrap -fno-ipa-cp -fipa-pta $(EXE_ARCH_FLAGS)
endif

B := build/$(ARCH)
Q := $(if $(V),,@)   # make V=1 shows every command
# arch/$(ARCH)/lib.S belongs to the library (lib/lib.mk).
# An arch's mem.S, where there is one, replaces loader/mem.cpp.
SOURCES := $(filter-out $(if $(wildcard arch/$(ARCH)/mem.S),loader/mem.cpp),$(wildcard loader/*.cpp syscalls/*.cpp)) \
    $(filter-out %/lib.S,$(wildcard arch/$(ARCH)/*.S))
OBJECTS := $(patsubst %,$(B)/obj/%.o,$(SOURCES))

# -Oz: -Os, and on x86 the shortest encodings even where slower (a small
# constant pushed and popped rather than moved into a register).
CXXFLAGS := -std=c++20 -Oz -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics \
    -fno-stack-protector -fPIE -fvisibility=hidden -fno-asynchronous-unwind-tables \
    -fno-unwind-tables -ffunction-sections -fdata-sections -fno-jump-tables \
    -Wall -Wextra -Werror=return-type -Iarch/$(ARCH) -Iloader -Isyscalls \
    $(ARCH_FLAGS) $(COMPILER_FLAGS)
LDFLAGS := -nostdlib -static-pie -Wl,-T,linker.ld -Wl,--gc-sections -Wl,-z,norelro \
    -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--hash-style=gnu -Wl,--no-dynamic-linker

all: $(B)/miniload

# miniload.elf keeps its symbols and sections for gdb and the size report;
# miniload is what ships: program headers and loadable bytes only.
$(B)/miniload: $(B)/miniload.elf build/tools/strip-headers
	$(Q)$(CROSS)objcopy --strip-all $< $@
	$(Q)build/tools/strip-headers $@

build/tools/strip-headers: tools/strip-headers.cpp
	@mkdir -p $(@D)
	$(Q)g++ -O2 -o $@ $<

$(B)/miniload.elf: $(OBJECTS) linker.ld
	@echo "  LD    $@"
	$(Q)$(CXX) $(CXXFLAGS) $(EXE_FLAGS) $(LDFLAGS) -Wl,-Map,$(B)/miniload.map -o $@ $(OBJECTS)

$(B)/obj/%.o: % Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(dir $@)
	@echo "  CXX   $<"
	$(Q)$(CXX) $(CXXFLAGS) $(EXE_FLAGS) -MMD -MP -c -o $@ $<

-include $(OBJECTS:.o=.d)

include lib/lib.mk
include tests/fixtures/fixtures.mk
include size-report/size.mk
include tests/bench/bench.mk
include tests/fuzz/fuzz.mk
RUN_PREFIX := $(if $(QEMU),$(QEMU) -L /usr/$(TRIPLET))

# The emulator prefix the tests put before $(ARCH) programs (empty when native).
print-run:
	@echo $(if $(QEMU),$(QEMU) -L /usr/$(TRIPLET))

# Builds miniload and runs a bundled example through it.
demo: $(B)/miniload $(F)/auxv-dyn $(F)/nolibc-static
	@echo '$$ $(B)/miniload $(F)/nolibc-static hello'
	@$(RUN_PREFIX) $(B)/miniload $(F)/nolibc-static hello; echo "(exit status $$?)"
	@echo '$$ $(B)/miniload --argv0 demo $(F)/auxv-dyn hello'
	@$(RUN_PREFIX) $(B)/miniload --argv0 demo $(F)/auxv-dyn hello; echo "(exit status $$?)"

# Installs missing test dependencies, then runs every suite for every arch.
check:
	@tests/deps.sh $(ARCHES)
	@tests/run.sh $(ARCHES)

clean:
	rm -rf build

.PHONY: all clean demo check print-run
