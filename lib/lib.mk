# libminiload: the loader core as a static library for host programs.
#   make lib        build/$(ARCH)/libminiload.a (headers: include/miniload.h, .hpp)
#   make examples   build/$(ARCH)/examples/: the plugin host of the README
# Included from the top-level Makefile, which sets ARCH, CROSS, CXX, B and Q.
#
# The core's files are compiled a second time, position-independent and
# optimised for speed, with this folder's replacements for the parts the
# executable does differently (diagnostics, arena, scope search, memory
# functions) and arch/$(ARCH)/lib.S in place of start.S (no _start; a
# lazy-binding entry that also saves vector registers). Everything is then
# linked into one relocatable object whose hidden symbols are made local:
# only the miniload_* API is visible to the host, so the core's memcpy and
# the like neither clash with nor replace the host's. Its COMDAT groups (an
# inline function emitted out of line, i386's __x86.get_pc_thunk.*) are
# dissolved first: the host's link would otherwise keep the host's copy of a
# group and leave references to the library's local one dangling.

LIB_ARCHES := x86_64 aarch64 riscv64 i386 arm
LIB_CORE := loader/diag.cpp loader/dynamic.cpp loader/image.cpp loader/linkmap.cpp \
    loader/process.cpp loader/relocate.cpp loader/symbols.cpp syscalls/syscalls.cpp
LIB_SOURCES := $(LIB_CORE) $(wildcard lib/*.cpp) $(filter-out %/start.S %/mem.S,$(wildcard arch/$(ARCH)/*.S))
LIB_OBJECTS := $(patsubst %,$(B)/libobj/%.o,$(LIB_SOURCES))
# A host may be larger than aarch64's tiny code model reaches, and its ABI
# may pass floating-point arguments in registers (LIB_ARCH_FLAGS, arch.mk).
LIB_CXXFLAGS := $(filter-out -Oz -fPIE -mcmodel=tiny $(LIB_DROP_FLAGS),$(CXXFLAGS)) -O2 -fPIC $(LIB_ARCH_FLAGS) \
    -DMINILOAD_LIBRARY -Iinclude -Ilib
LIB := $(B)/libminiload.a

ifneq ($(filter $(ARCH),$(LIB_ARCHES)),)
lib: $(LIB)
else
lib:
	@echo "libminiload is not built for $(ARCH) (it is for: $(LIB_ARCHES))" >&2; exit 1
endif

$(LIB): $(LIB_OBJECTS)
	@echo "  AR    $@"
	$(Q)$(CROSS)ld -r -o $(B)/libminiload.o $(LIB_OBJECTS)
	$(Q)$(CROSS)objcopy -R .group --localize-hidden $(B)/libminiload.o
	$(Q)rm -f $@ && $(CROSS)ar rcs $@ $(B)/libminiload.o

$(B)/libobj/%.o: % Makefile lib/lib.mk arch/$(ARCH)/arch.mk
	@mkdir -p $(dir $@)
	@echo "  CXX   $< (library)"
	$(Q)$(CXX) $(LIB_CXXFLAGS) -MMD -MP -c -o $@ $<

-include $(LIB_OBJECTS:.o=.d)

.PHONY: lib

# The example of the README: a host that loads the plugin fixture.
EXAMPLES := $(B)/examples/plugin-host
ifneq ($(filter $(ARCH),$(LIB_ARCHES)),)
examples: $(EXAMPLES) $(B)/fixtures/lib/libplugin.so
else
examples: lib
endif

$(B)/examples/%: examples/%.cpp include/miniload.hpp include/miniload.h $(LIB)
	@mkdir -p $(@D)
	@echo "  CXX   $@"
	$(Q)$(CXX) -std=c++17 -O2 -Wall -Wextra $(LIB_TEST_FLAGS) -Iinclude -o $@ $< $(LIB)

.PHONY: examples
