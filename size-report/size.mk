# make size: build miniload for every architecture (those whose compiler is
# installed; tests/deps.sh installs them), then report the size of each one
# under build/ with both a binary and its linker map: the tables on standard
# output, and build/size-report.md and build/size-report.svg. Included by the
# top-level Makefile, after "all".

PYTHON ?= python3
size_compiler = $(if $(filter x86_64,$(1)),g++,$(shell sed -n 's/^TRIPLET := //p' arch/$(1)/arch.mk)-g++)
SIZE_ARCHES := $(foreach a,$(ARCHES),$(if $(shell command -v $(call size_compiler,$(a))),$(a)))

size:
	@set -e; for arch in $(SIZE_ARCHES); do \
	    $(MAKE) --no-print-directory ARCH=$$arch all build/$$arch/miniload-nolto.map; \
	done
	@set --; \
	for dir in build/*/; do \
	    arch=$${dir#build/}; arch=$${arch%/}; \
	    if [ -f "$${dir}miniload" ] && [ -f "$${dir}miniload.map" ]; then set -- "$$@" "$$arch"; fi; \
	done; \
	$(PYTHON) size-report/report.py --svg build/size-report.svg --markdown build/size-report.md "$$@"

.PHONY: size

# The same objects linked without link-time optimisation, for the bytes per
# source file: the optimised link's map names the compiler's partitions.
$(B)/miniload-nolto.map: $(OBJECTS) linker.ld
	$(Q)$(CXX) $(CXXFLAGS) $(EXE_FLAGS) -fno-lto $(LDFLAGS) -Wl,-Map,$@ -o $(B)/miniload-nolto.elf $(OBJECTS)
