# Hartvisor: one entry point. make [all|run|test|unit|integration|bench|debug|trace|clean]
# Variables: VM= KERNEL= INITRD= APPEND= MEM= SMP= QEMU_CPU= QEMU_ARGS= TRACE=

CROSS    ?= riscv64-unknown-elf-
CC       := $(CROSS)gcc
OBJCOPY  := $(CROSS)objcopy
HOSTCC   ?= gcc
PYTHON   := /usr/bin/python3
BUILD    := build
FDT      := $(BUILD)/libfdt

MEM      ?= 256M
SMP      ?= 1
QEMU_CPU ?= rv64
QEMU_ARGS ?=
TRACE    ?=
VM       ?=

ARCH_FLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany
HV_CFLAGS  := $(ARCH_FLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
              -fno-stack-protector -fno-omit-frame-pointer -specs=picolibc.specs \
              -DPICOLIBC_INTEGER_PRINTF_SCANF -Ihv -I$(FDT)/include
HV_LDFLAGS := $(ARCH_FLAGS) -specs=picolibc.specs -DPICOLIBC_INTEGER_PRINTF_SCANF -nostartfiles \
              -T hv/arch/hv.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments

HV_SRCS := $(sort $(wildcard hv/*/*.c hv/*/*.S))
HV_OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(HV_SRCS))

all: $(BUILD)/hv.bin
include guests/guests.mk

deps:
	@bash tools/deps.sh

$(BUILD)/obj/%.c.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.S.o: %.S | deps
	@mkdir -p $(dir $@)
	$(CC) $(HV_CFLAGS) -D__ASSEMBLER__ -MMD -MP -c $< -o $@

# VM descriptions: configs/<name>.dts -> build/configs/<name>.dtb
CONFIG_DTBS := $(patsubst configs/%.dts,$(BUILD)/configs/%.dtb,$(wildcard configs/*.dts))
$(BUILD)/configs/%.dtb: configs/%.dts | deps
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

# Guests and descriptions linked into the image (/sbin/<guest>, /vm/<name>.dtb) until a disk serves them.
EMBED_SPECS = $(foreach b,$(GUEST_BINS),/sbin/$(basename $(notdir $(b)))=$(b)) \
              $(foreach d,$(CONFIG_DTBS),/vm/$(notdir $(d))=$(d))
$(BUILD)/embedded.S: $(GUEST_BINS) $(CONFIG_DTBS) tools/mkembed.sh
	@mkdir -p $(dir $@)
	bash tools/mkembed.sh $@ $(EMBED_SPECS)
$(BUILD)/obj/embedded.S.o: $(BUILD)/embedded.S
	@mkdir -p $(dir $@)
	$(CC) $(HV_CFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(BUILD)/hv.elf: $(HV_OBJS) $(BUILD)/obj/embedded.S.o hv/arch/hv.ld
	$(CC) $(HV_LDFLAGS) $(HV_OBJS) $(BUILD)/obj/embedded.S.o $(FDT)/lib/libfdt.a -o $@

$(BUILD)/hv.bin: $(BUILD)/hv.elf
	$(OBJCOPY) -O binary $< $@

-include $(HV_OBJS:.o=.d)

# ---- running ----
QEMU_RUN = $(PYTHON) tools/qemu.py --cpu '$(QEMU_CPU)' --smp '$(SMP)' --mem '$(MEM)' \
           --trace '$(TRACE)' --vm '$(VM)'

run: all
	$(QEMU_RUN) -- $(QEMU_ARGS)

debug: all
	@echo "QEMU waits for gdb on tcp::1234. In another terminal run:"
	@echo "    gdb-multiarch -x tools/gdbinit"
	$(QEMU_RUN) -- -S -gdb tcp::1234 $(QEMU_ARGS)

# ---- tests ----
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
UNIT_FLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
              -fno-omit-frame-pointer -Ihv -Itests/unit

# A unit test names the portable sources it compiles in one comment line: "unit-sources: a.c b.c".
unit_sources = $(shell sed -n 's/.*unit-sources: *//p' $(1))

.SECONDEXPANSION:
$(BUILD)/unit/%: tests/unit/%.c $$(call unit_sources,tests/unit/%.c) $(wildcard tests/unit/*.h) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_FLAGS) $< $(call unit_sources,$<) -o $@ -lcmocka -lfdt

# DTBs of real QEMU virt machines, for the host-DTB unit test.
TEST_DTBS := $(BUILD)/dtb/virt-128M-1.dtb $(BUILD)/dtb/virt-1G-4.dtb
$(BUILD)/dtb/virt-%.dtb: | deps
	@mkdir -p $(dir $@)
	qemu-system-riscv64 -M virt,dumpdtb=$@ -cpu rv64 -m $(word 1,$(subst -, ,$*)) \
	    -smp $(word 2,$(subst -, ,$*)) -nographic >/dev/null

test-prereqs: all $(UNIT_BINS) $(TEST_DTBS)

test: test-prereqs
	@bash tests/run_all.sh $(UNIT_BINS)

unit: $(UNIT_BINS) $(TEST_DTBS)
	@bash tests/run_all.sh --unit-only $(UNIT_BINS)

integration: all
	@bash tests/run_all.sh --integration-only

clean:
	rm -rf $(BUILD)/obj $(BUILD)/unit $(BUILD)/dtb $(BUILD)/hv.elf $(BUILD)/hv.bin $(BUILD)/test-logs

.PHONY: all deps run debug test test-prereqs unit integration clean
