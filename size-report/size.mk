# make size: build miniload for ARCH and rebuild every architecture already
# built, then report the size of each one under build/ with both a binary and
# its linker map: the tables on standard output, and build/size-report.md and
# build/size-report.svg. Included by the top-level Makefile, after "all".

PYTHON ?= python3
SIZE_BUILT := $(patsubst build/%/miniload,%,$(wildcard build/*/miniload))
SIZE_ARCHES := $(ARCH) $(filter-out $(ARCH),$(SIZE_BUILT))

size:
	@set -e; for arch in $(SIZE_ARCHES); do $(MAKE) --no-print-directory ARCH=$$arch all; done
	@set --; \
	for dir in build/*/; do \
	    arch=$${dir#build/}; arch=$${arch%/}; \
	    if [ -f "$${dir}miniload" ] && [ -f "$${dir}miniload.map" ]; then set -- "$$@" "$$arch"; fi; \
	done; \
	$(PYTHON) size-report/report.py --svg build/size-report.svg --markdown build/size-report.md "$$@"

.PHONY: size
