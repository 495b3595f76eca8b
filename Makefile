# Hartvisor: one entry point. make [all|run|test|unit|integration|bench|debug|trace|clean]
# Variables: VM= KERNEL= INITRD= APPEND= MEM= SMP= VCPUS= QEMU_CPU= QEMU_ARGS= TRACE= DISK_IMAGE= PFLASH_IMAGE=
#            SMP= the machine's harts (QEMU's -smp), VCPUS= the vCPUs of KERNEL='s guest (default 1)
#            GDB_PORT= (make debug's gdb stub, default 1234)
#            SEED= (seed=N on every VM's bootargs, e.g. make run VM=fuzz SEED=0x1234 replays a fuzz run)

CROSS    ?= riscv64-unknown-elf-
CC       := $(CROSS)gcc
OBJCOPY  := $(CROSS)objcopy
HOSTCC   ?= gcc
PYTHON   := /usr/bin/python3
BUILD    := build
FDT      := $(BUILD)/libfdt

MEM      ?=
KERNEL   ?=
INITRD   ?=
APPEND   ?=
SMP      ?= 1
VCPUS    ?= 1
QEMU_CPU ?= rv64
QEMU_ARGS ?=
TRACE    ?=
VM       ?=
SEED     ?=
GDB_PORT ?= 1234
# make run with another disk than build/disk.img, and another flash (exactly 32 MiB) than build/pflash.img
DISK_IMAGE   ?=
PFLASH_IMAGE ?=

ARCH_FLAGS := -march=rv64gc -mabi=lp64d -mcmodel=medany
HV_CFLAGS  := $(ARCH_FLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
              -fno-stack-protector -specs=picolibc.specs \
              -DPICOLIBC_INTEGER_PRINTF_SCANF -Ihv -I. -I$(FDT)/include
HV_LDFLAGS := $(ARCH_FLAGS) -specs=picolibc.specs -DPICOLIBC_INTEGER_PRINTF_SCANF -nostartfiles \
              -T hv/arch/hv.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments

HV_SRCS := $(sort $(wildcard hv/*/*.c hv/*/*.S pflash/*.c))
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
# One description per hostile guest, hostile-<case>, from the template (make run VM=hostile-<case>).
CONFIG_DTBS += $(HOSTILE_CASES:%=$(BUILD)/configs/hostile-%.dtb)
$(BUILD)/configs/hostile-%.dtb: configs/hostile.dts.in | deps
	@mkdir -p $(dir $@)
	sed 's/@CASE@/$*/g' $< | dtc -q -I dts -O dtb -o $@ -

# The embedded default (used when there is no disk): the simple_hv description and its guest.
EMBED_SPECS = /sbin/skernel=$(GUEST_OUT)/skernel.bin /vm/simple_hv.dtb=$(BUILD)/configs/simple_hv.dtb
# (the Makefile is a prerequisite: a changed EMBED_SPECS must not leave stale files in the image)
$(BUILD)/embedded.S: $(GUEST_OUT)/skernel.bin $(BUILD)/configs/simple_hv.dtb tools/mkembed.sh Makefile
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

# ---- disk and flash images ----
# build/disk.img (FAT32, made with mtools): /sbin/<guest>, /vm/<name>.dtb, /pflash/data.img (a flash
# backing file) and /sbin/big.bin (skernel padded to 32 MiB, to measure load throughput).
# Rebuilt when a guest or description changes, which also resets what guests wrote to it.
DISK      := $(BUILD)/disk.img
PFLASH    := $(BUILD)/pflash.img
DISK_DATA := $(BUILD)/disk-files
DISK_SPECS = $(foreach b,$(GUEST_BINS),/sbin/$(basename $(notdir $(b)))=$(b)) \
             $(foreach d,$(CONFIG_DTBS),/vm/$(notdir $(d))=$(d)) \
             /pflash/data.img=$(DISK_DATA)/pflash-data.img /sbin/big.bin=$(DISK_DATA)/big.bin
$(DISK): $(GUEST_BINS) $(CONFIG_DTBS) $(DISK_DATA)/pflash-data.img $(DISK_DATA)/big.bin tools/mkdisk
	tools/mkdisk $@ 128 $(DISK_SPECS)
$(DISK_DATA)/pflash-data.img: tools/mkpflash | deps
	@mkdir -p $(dir $@)
	$(PYTHON) tools/mkpflash $@
$(DISK_DATA)/big.bin: $(GUEST_OUT)/skernel.bin
	@mkdir -p $(dir $@)
	cp $< $@ && truncate -s 32M $@
# User apps: flat binaries linked at user VA 0x1000 and run by the mkernel guest (no libc).
APP_CFLAGS := $(ARCH_FLAGS) -std=gnu11 -ffreestanding -nostdlib -nostartfiles -O2 -Wall -Wextra -Werror \
              -fno-stack-protector -Wl,--build-id=none -Wl,--no-warn-rwx-segments
$(BUILD)/apps/hello.elf: $(wildcard guests/apps/hello/*.c guests/apps/hello/*.h) guests/apps/hello/hello.ld | deps
	@mkdir -p $(dir $@)
	$(CC) $(APP_CFLAGS) -T guests/apps/hello/hello.ld $(filter %.c,$^) -o $@
$(BUILD)/apps/hello.bin: $(BUILD)/apps/hello.elf
	$(OBJCOPY) -O binary $< $@
# QEMU virt's second flash bank (unit 1 at 0x22000000): the classic pflash.img, carrying the hello
# app as its payload. Kept across builds (guests may have written to it) unless its inputs change;
# delete it to start afresh.
$(PFLASH): tools/mkpflash $(BUILD)/apps/hello.bin
	$(PYTHON) tools/mkpflash $@ $(BUILD)/apps/hello.bin
images: $(DISK) $(PFLASH)
all: images

# ---- running ----
QEMU_RUN = $(PYTHON) tools/qemu.py --cpu '$(QEMU_CPU)' --smp '$(SMP)' --vcpus '$(VCPUS)' --mem '$(MEM)' \
           --trace '$(TRACE)' --vm '$(VM)' --kernel '$(KERNEL)' --initrd '$(INITRD)' --append '$(APPEND)' \
           $(if $(SEED),--guest-arg 'seed=$(SEED)') \
           $(if $(DISK_IMAGE),--disk '$(DISK_IMAGE)') $(if $(PFLASH_IMAGE),--pflash '$(PFLASH_IMAGE)')

run: all
	$(QEMU_RUN) -- $(QEMU_ARGS)

# QEMU paused at reset with a gdb stub on GDB_PORT; build/debug/session.gdb attaches gdb with the
# hypervisor's symbols, the guest's (at its load address) and the hv- commands (tools/gdb_hartvisor.py).
debug: all
	$(PYTHON) tools/gdb_session.py --vm '$(VM)' --kernel '$(KERNEL)' --port '$(GDB_PORT)' \
	    $(if $(DISK_IMAGE),--disk '$(DISK_IMAGE)') --out $(BUILD)/debug/session.gdb
	@echo "QEMU waits for gdb on tcp::$(GDB_PORT). In another terminal, in $(CURDIR), run:"
	@echo "    gdb-multiarch -x $(BUILD)/debug/session.gdb"
	@echo "then e.g.: break exit_handle, continue, hv-vcpu, hv-exits 5, hv-gpa 0x80200000 (help hv-vcpu)"
	$(QEMU_RUN) -- -S -gdb tcp::$(GDB_PORT) $(QEMU_ARGS)

# make trace VM=<name>: runs the VM with TRACE=exits (or the TRACE= given, e.g. dump) under a hard
# timeout (TRACE_TIMEOUT seconds), keeps the console in build/trace/<name>.log, and writes the
# analyser's report (build/trace/<name>.txt) and timeline/histogram (build/trace/<name>.svg).
# A VM that does not stop by itself is cut off at the timeout; what it printed is still analysed.
TRACE_TIMEOUT ?= 60
TRACE_DIR     := $(BUILD)/trace
trace: all
	@test -n '$(VM)' || { echo "make trace needs VM=<name> (a description in configs/)"; exit 2; }
	@mkdir -p $(TRACE_DIR)
	@echo "tracing $(VM) (at most $(TRACE_TIMEOUT) s) into $(TRACE_DIR)/$(VM).log"
	@timeout -k 5 $(TRACE_TIMEOUT) $(QEMU_RUN) --trace '$(or $(TRACE),exits)' -- $(QEMU_ARGS) \
	    </dev/null >$(TRACE_DIR)/$(VM).log 2>&1; rc=$$?; \
	    if [ $$rc -eq 124 ]; then echo "$(VM) did not stop within $(TRACE_TIMEOUT) s; analysing what it printed"; \
	    elif [ $$rc -ne 0 ]; then echo "QEMU exited with status $$rc"; fi
	$(PYTHON) tools/exittrace $(TRACE_DIR)/$(VM).log -o $(TRACE_DIR)/$(VM).svg >$(TRACE_DIR)/$(VM).txt
	@cat $(TRACE_DIR)/$(VM).txt
	@echo "wrote $(TRACE_DIR)/$(VM).txt and $(TRACE_DIR)/$(VM).svg"

# ---- tests ----
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
UNIT_FLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fsanitize=address,undefined \
              -fno-omit-frame-pointer -Ihv -I. -Itests/unit

# A unit test names the portable sources it compiles in one comment line: "unit-sources: a.c b.c".
# $(VDEV_UNIT_SOURCES) there stands for the device kinds, their models and what they use, with
# tests/unit/fake_vdev_host.c for what only a running hypervisor has.
VDEV_UNIT_SOURCES := hv/vdev/vdev_table.c hv/vdev/test_device.c hv/vdev/uart_device.c hv/vdev/uart.c \
                     hv/vdev/plic_device.c hv/vdev/vplic.c hv/vdev/pflash.c pflash/cfi.c hv/vm/irqchip.c \
                     hv/vm/vcpu_request.c hv/mm/page_alloc.c hv/mm/gstage.c hv/base/log.c hv/base/err.c \
                     hv/base/host_dtb.c hv/base/isa.c hv/loader/guest_dtb.c hv/vm/vm_config.c hv/trace/trace.c \
                     hv/riscv/insn.c hv/riscv/insn_format.c tests/unit/fake_vdev_host.c
unit_sources = $(subst $$(VDEV_UNIT_SOURCES),$(VDEV_UNIT_SOURCES),$(shell sed -n 's/.*unit-sources: *//p' $(1)))

.SECONDEXPANSION:
$(BUILD)/unit/%: tests/unit/%.c $$(call unit_sources,tests/unit/%.c) $(wildcard tests/unit/*.h) | deps
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_FLAGS) $< $(call unit_sources,$<) -o $@ -lcmocka -lfdt

# DTBs of real QEMU virt machines, for the host-DTB and banner unit tests (130 harts: more than
# HV_MAX_HARTS).
TEST_DTBS := $(BUILD)/dtb/virt-128M-1.dtb $(BUILD)/dtb/virt-1G-4.dtb $(BUILD)/dtb/virt-256M-130.dtb
$(BUILD)/dtb/virt-%.dtb: | deps
	@mkdir -p $(dir $@)
	qemu-system-riscv64 -M virt,dumpdtb=$@ -cpu rv64 -m $(word 1,$(subst -, ,$*)) \
	    -smp $(word 2,$(subst -, ,$*)) -nographic >/dev/null

test-prereqs: all $(UNIT_BINS) $(TEST_DTBS)
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk

test: test-prereqs
	@bash tests/run_all.sh $(UNIT_BINS)

unit: $(UNIT_BINS) $(TEST_DTBS)
	@bash tests/run_all.sh --unit-only $(UNIT_BINS)

integration: all
	@bash tests/run_all.sh --integration-only

clean:
	rm -rf $(BUILD)/obj $(BUILD)/unit $(BUILD)/dtb $(BUILD)/hv.elf $(BUILD)/hv.bin $(BUILD)/test-logs \
	       $(DISK) $(DISK_DATA) $(BUILD)/run $(BUILD)/debug $(BUILD)/embedded.S $(BUILD)/apps

.PHONY: all deps images run debug trace test test-prereqs unit integration clean
