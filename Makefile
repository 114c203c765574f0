# miniload — build, test, measure.
#   make                 build build/$(ARCH)/miniload (ARCH=x86_64 by default)
#   make demo            build and run a bundled example through miniload
#   make check           install test dependencies if missing, run every test
#   make size            size report of every built architecture

ARCH ?= x86_64
ARCHES := x86_64
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
COMPILER_FLAGS := -fno-tree-loop-distribute-patterns
endif

B := build/$(ARCH)
SOURCES := $(wildcard loader/*.cpp) $(wildcard arch/$(ARCH)/*.S)
OBJECTS := $(patsubst %,$(B)/obj/%.o,$(SOURCES))

CXXFLAGS := -std=c++20 -Os -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics \
    -fno-stack-protector -fPIE -fvisibility=hidden -fno-plt -fno-asynchronous-unwind-tables \
    -fno-unwind-tables -ffunction-sections -fdata-sections -fno-jump-tables \
    -Wall -Wextra -Werror=return-type -Iarch/$(ARCH) -Iloader -Isyscalls \
    $(ARCH_FLAGS) $(COMPILER_FLAGS)
LDFLAGS := -nostdlib -static-pie -Wl,-T,linker.ld -Wl,--gc-sections -Wl,-z,norelro \
    -Wl,--build-id=none -Wl,-z,noexecstack -Wl,--hash-style=gnu -Wl,--no-dynamic-linker \
    -Wl,-Map,$(B)/miniload.map

all: $(B)/miniload

$(B)/miniload: $(OBJECTS) linker.ld
	$(CXX) $(CXXFLAGS) $(LDFLAGS) -o $@ $(OBJECTS)

$(B)/obj/%.o: % Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -MMD -MP -c -o $@ $<

-include $(OBJECTS:.o=.d)

clean:
	rm -rf build

.PHONY: all clean
