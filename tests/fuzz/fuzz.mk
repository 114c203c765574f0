# The fuzz target: the loader's own sources built for the build machine with
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer, over the fake
# system calls of tests/fuzz/host_os.cpp (see tests/fuzz/README.md).
#   make fuzz                      replay the regressions, then fuzz 60 seconds
#   make fuzz FUZZ_SECONDS=3600    fuzz longer
#   make fuzz-replay               only replay the seeds and regressions
# New inputs go to build/fuzz/corpus, crashes to build/fuzz/crashes/.
# Included from the top-level Makefile; independent of ARCH.

FUZZ_CXX ?= clang++
FUZZ_SECONDS ?= 60
FUZZ_DIR := build/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz-loader
# The core files that read what a file says; main, options and the start-up
# code stay out (they need a real process), and so does mem.cpp, whose
# functions the sanitizers' own replace.
FUZZ_SOURCES := tests/fuzz/host_os.cpp tests/fuzz/driver.cpp syscalls/syscalls.cpp \
    $(addprefix loader/,arena.cpp diag.cpp diag_sink.cpp dynamic.cpp image.cpp linkmap.cpp process.cpp \
    relocate.cpp scope.cpp symbols.cpp tls.cpp)
FUZZ_FLAGS := -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Itests/fuzz -Iloader -Isyscalls
# Per-input limits: a hang of 10 seconds is a bug, and so is memory beyond
# what the loader's own limits allow.
FUZZ_RUN_FLAGS := -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048

$(FUZZ_BIN): $(FUZZ_SOURCES) tests/fuzz/arch.hpp $(wildcard loader/*.hpp syscalls/*.hpp) arch/x86_64/arch.hpp
	@mkdir -p $(@D)
	@echo "  FUZZ  $@"
	$(Q)$(FUZZ_CXX) $(FUZZ_FLAGS) -o $@ $(FUZZ_SOURCES)

# Every input that once crashed must now load or fail with a diagnostic.
fuzz-replay: $(FUZZ_BIN)
	$(Q)$(FUZZ_BIN) $(FUZZ_RUN_FLAGS) $(wildcard tests/fuzz/corpus/* tests/fuzz/regressions/*) \
	    >$(FUZZ_DIR)/replay.log 2>&1 || { cat $(FUZZ_DIR)/replay.log; exit 1; }
	@echo "replayed $$(grep -c '^Running: ' $(FUZZ_DIR)/replay.log) inputs without a fault"

fuzz: fuzz-replay
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	$(Q)$(FUZZ_BIN) $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/ $(FUZZ_DIR)/corpus tests/fuzz/corpus

.PHONY: fuzz fuzz-replay
