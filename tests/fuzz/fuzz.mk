# fuzz.mk: host fuzzing with libFuzzer + ASan + UBSan (included by the Makefile).
# build/fuzz/fuzz_<target> from tests/fuzz/fuzz_<target>.c and the portable sources on its "fuzz-sources:"
# line (plus any "fuzz-libs:"); `make fuzz` runs each for FUZZ_SECONDS from tests/fuzz/corpus/<target>.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 1
FUZZ_FLAGS   := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer -Ihv -I. -Itests/unit -Itests/fuzz
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

fuzz_sources = $(subst $$(VDEV_UNIT_SOURCES),$(VDEV_UNIT_SOURCES),$(shell sed -n 's/.*fuzz-sources: *//p' $(1)))
fuzz_libs    = $(shell sed -n 's/.*fuzz-libs: *//p' $(1))

.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(call fuzz_sources,tests/fuzz/fuzz_%.c) $(wildcard tests/fuzz/*.h) \
                      tests/fuzz/fuzz.mk | deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $< $(call fuzz_sources,$<) -o $@ $(call fuzz_libs,$<)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@bash tests/fuzz/run.sh -t $(FUZZ_SECONDS) -j $(FUZZ_JOBS) $(FUZZ_TARGETS)

# make test runs every target for 30 s (tests/run_all.sh), so it needs them built.
test-prereqs: fuzz-build

.PHONY: fuzz fuzz-build
