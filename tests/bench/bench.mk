# make bench: side-by-side timings of miniload, the kernel, glibc's ld.so
# and musl's loader, on x86_64. Installs hyperfine, musl and valgrind with
# apt-get when missing, builds miniload and the benchmark programs into
# $(BENCH), runs every measurement in one go, prints the table and writes
# $(BENCH)/results.md and $(BENCH)/results.svg. See tests/bench/README.md.
# Included from the top-level Makefile, which sets ARCH, B and Q.

BENCH := build/bench
BX := tests/bench
BENCH_PYTHON ?= python3
BENCH_CC := gcc
BENCH_BASE := -O1 -g0 -Wall -Wno-unused-function -ffreestanding -fno-builtin -fno-stack-protector \
    -nostdlib -I$(BX)
# Shared libraries, and programs with no PT_INTERP: miniload, ld.so or
# musl's loader link them.
BENCH_LIB := $(BENCH_BASE) -fPIC -shared
BENCH_PROG := $(BENCH_BASE) -fPIE -pie -Wl,--no-dynamic-linker
HEAVY_LIBS := 0 1 2 3 4 5 6 7
bench_comma := ,
BENCH_GEN := $(BENCH)/gen

# The programs of every row and the libraries next to them.
HEAVY_SETS := heavy-lazy heavy-now hollow
BENCH_TARGETS := $(BENCH)/static $(BENCH)/static-pie $(BENCH)/floor $(BENCH)/one/one \
    $(foreach s,$(HEAVY_SETS),$(BENCH)/$(s)/heavy) $(BENCH)/calls-lazy/calls $(BENCH)/calls-now/calls \
    $(BENCH)/libbench $(F)/lib/libplugin.so

ifeq ($(ARCH),x86_64)
bench:
	@$(BX)/deps.sh
	@$(MAKE) --no-print-directory bench-build
	@$(BENCH_PYTHON) $(BX)/bench.py --miniload $(B)/miniload --out $(BENCH) --plugin $(F)/lib/libplugin.so
else
bench:
	@echo "make bench measures x86_64 only (ARCH=$(ARCH))" >&2; exit 1
endif

# Every command of rows 1 to 5 once, checking its answers, timing nothing
# (make check runs it; it needs neither hyperfine nor valgrind).
bench-verify: bench-build
	@$(BENCH_PYTHON) $(BX)/bench.py --miniload $(B)/miniload --out $(BENCH) --verify-only

# The objects are named here so that make keeps them between runs.
BENCH_OBJECTS := $(foreach d,heavy hollow,$(foreach k,$(HEAVY_LIBS),$(BENCH)/obj/$(d)/h$(k).o)) \
    $(BENCH)/obj/calls/libcalls.o
bench-build: $(B)/miniload $(B)/miniload.elf $(BENCH_OBJECTS) $(BENCH_TARGETS)

# Row 1: nothing to link, run as ET_EXEC and as static-PIE.
$(BENCH)/static: $(BX)/static.c $(BX)/bench.h
	@mkdir -p $(@D)
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_BASE) -fno-PIE -no-pie -static -o $@ $<
$(BENCH)/static-pie: $(BX)/static.c $(BX)/bench.h
	@mkdir -p $(@D)
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_BASE) -fPIE -static-pie -o $@ $<
# Row 1's floor (floor.c says why): position-independent like miniload,
# so the kernel places it where it places miniload.
$(BENCH)/floor: $(BX)/floor.c
	@mkdir -p $(@D)
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_BASE) -fPIE -static-pie -o $@ $<

# Row 3: one program, one library.
$(BENCH)/one/libone.so: $(BX)/libone.c $(BX)/bench.h
	@mkdir -p $(@D)
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_LIB) -Wl,-z,lazy -Wl,-soname,libone.so -o $@ $<
$(BENCH)/one/one: $(BX)/one.c $(BX)/bench.h $(BENCH)/one/libone.so
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_PROG) -Wl,-z,lazy -o $@ $< -L$(@D) -lone

# Rows 4 and 5: generated sources, compiled once, linked lazy and with -z now
# (DF_BIND_NOW, which every loader honours like LD_BIND_NOW=1).
HEAVY_SOURCES := $(foreach d,heavy hollow,$(foreach k,$(HEAVY_LIBS),$(BENCH_GEN)/$(d)/h$(k).c)) $(BENCH_GEN)/heavy.c
$(HEAVY_SOURCES) &: $(BX)/gen.py
	@echo "  GEN   $(BENCH_GEN)/heavy"
	$(Q)$(BENCH_PYTHON) $(BX)/gen.py heavy $(BENCH_GEN)
$(BENCH_GEN)/calls/libcalls.c $(BENCH_GEN)/calls/calls.c &: $(BX)/gen.py
	@echo "  GEN   $(BENCH_GEN)/calls"
	$(Q)$(BENCH_PYTHON) $(BX)/gen.py calls $(BENCH_GEN)

$(BENCH)/obj/%.o: $(BENCH_GEN)/%.c
	@mkdir -p $(@D)
	@echo "  CC    $@"
	$(Q)$(BENCH_CC) $(BENCH_BASE) -fPIC -c -o $@ $<

# $(call heavy_set,DIR,OBJDIR,LINKFLAGS)
define heavy_set
$(BENCH)/$(1)/libh%.so: $(BENCH)/obj/$(2)/h%.o
	@mkdir -p $$(@D)
	@echo "  LD    $$@"
	$(Q)$(BENCH_CC) $(BENCH_LIB) $(3) -Wl,-soname,libh$$*.so -o $$@ $$<
$(BENCH)/$(1)/heavy: $(BENCH_GEN)/heavy.c $(BX)/bench.h $(foreach k,$(HEAVY_LIBS),$(BENCH)/$(1)/libh$(k).so)
	@echo "  CC    $$@"
	$(Q)$(BENCH_CC) $(BENCH_PROG) $(3) -o $$@ $$< -L$(BENCH)/$(1) $(foreach k,$(HEAVY_LIBS),-lh$(k))
endef
$(eval $(call heavy_set,heavy-lazy,heavy,-Wl$(bench_comma)-z$(bench_comma)lazy))
$(eval $(call heavy_set,heavy-now,heavy,-Wl$(bench_comma)-z$(bench_comma)now))
$(eval $(call heavy_set,hollow,hollow,-Wl$(bench_comma)-z$(bench_comma)lazy))

# $(call calls_set,DIR,LINKFLAGS)
define calls_set
$(BENCH)/$(1)/libcalls.so: $(BENCH)/obj/calls/libcalls.o
	@mkdir -p $$(@D)
	@echo "  LD    $$@"
	$(Q)$(BENCH_CC) $(BENCH_LIB) $(2) -Wl,-soname,libcalls.so -o $$@ $$<
$(BENCH)/$(1)/calls: $(BENCH_GEN)/calls/calls.c $(BX)/bench.h $(BENCH)/$(1)/libcalls.so
	@echo "  CC    $$@"
	$(Q)$(BENCH_CC) $(BENCH_PROG) $(2) -o $$@ $$< -L$(BENCH)/$(1) -lcalls
endef
$(eval $(call calls_set,calls-lazy,-Wl$(bench_comma)-z$(bench_comma)lazy))
$(eval $(call calls_set,calls-now,-Wl$(bench_comma)-z$(bench_comma)now))

# Rows 6 and 7: libminiload and glibc's dlopen in one hosted program, which
# exports the plugin's host functions (-rdynamic) for dlopen to bind to.
$(BENCH)/libbench: $(BX)/libbench.cpp include/miniload.hpp include/miniload.h $(LIB)
	@mkdir -p $(@D)
	@echo "  CXX   $@"
	$(Q)g++ -std=c++17 -O2 -Wall -Wextra -Iinclude -rdynamic -o $@ $< $(LIB) -ldl

.PHONY: bench bench-build bench-verify
