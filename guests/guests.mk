# guests.mk: builds every guest kernel guests/<name>/ (all but lib) into build/guests/<name>.elf
# and .bin. Included by the top Makefile, whose CC, OBJCOPY, ARCH_FLAGS, BUILD and FDT it uses.
# Guests named in GUEST_BARE link alone (no runtime, no libc); the others link with guests/lib
# (start, SBI calls, console, traps, device-tree lookups), libfdt and picolibc.
# Each guests/hostile/<case>.c is a guest of its own, hostile-<case>, linked with guests/hostile/common.

GUEST_OUT     := $(BUILD)/guests
GUEST_NAMES   := $(filter-out lib apps hostile,$(patsubst guests/%/,%,$(wildcard guests/*/)))
GUEST_BARE    := skernel traploop nullvec
GUEST_CFLAGS  := $(ARCH_FLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
                 -fno-stack-protector -fno-omit-frame-pointer -specs=picolibc.specs \
                 -DPICOLIBC_INTEGER_PRINTF_SCANF -Ihv -Iguests -I$(FDT)/include
GUEST_LD      := guests/lib/guest.ld
GUEST_LDFLAGS := $(ARCH_FLAGS) -nostartfiles -T $(GUEST_LD) -Wl,--gc-sections -Wl,--no-warn-rwx-segments
GUEST_LIBC    := -specs=picolibc.specs -DPICOLIBC_INTEGER_PRINTF_SCANF
GUEST_LIBS    := $(FDT)/lib/libfdt.a

guest_srcs = $(sort $(wildcard guests/$(1)/*.c guests/$(1)/*.S))
guest_objs = $(patsubst guests/%,$(GUEST_OUT)/obj/%.o,$(call guest_srcs,$(1)))

GUEST_LIB_OBJS := $(call guest_objs,lib)
HOSTILE_CASES  := $(basename $(notdir $(wildcard guests/hostile/*.c)))
HOSTILE_COMMON := $(call guest_objs,hostile/common)
GUEST_ELFS     := $(patsubst %,$(GUEST_OUT)/%.elf,$(GUEST_NAMES) $(HOSTILE_CASES:%=hostile-%))
GUEST_BINS     := $(patsubst %,$(GUEST_OUT)/%.bin,$(GUEST_NAMES) $(HOSTILE_CASES:%=hostile-%))
GUEST_OBJS     := $(GUEST_LIB_OBJS) $(foreach g,$(GUEST_NAMES),$(call guest_objs,$(g))) $(HOSTILE_COMMON) \
                  $(HOSTILE_CASES:%=$(GUEST_OUT)/obj/hostile/%.c.o)

all: $(GUEST_BINS)
guests: $(GUEST_BINS)

$(GUEST_OUT)/obj/%.c.o: guests/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_OUT)/obj/%.S.o: guests/%.S | deps
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -D__ASSEMBLER__ -MMD -MP -c $< -o $@

define guest_link_rule
$(GUEST_OUT)/$(1).elf: $(call guest_objs,$(1)) $(if $(filter $(1),$(GUEST_BARE)),,$(GUEST_LIB_OBJS)) $(GUEST_LD)
	$$(CC) $(GUEST_LDFLAGS) $(if $(filter $(1),$(GUEST_BARE)),-nostdlib,$(GUEST_LIBC)) \
	    $$(filter %.o,$$^) $(if $(filter $(1),$(GUEST_BARE)),,$(GUEST_LIBS)) -o $$@
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call guest_link_rule,$(g))))

$(GUEST_OUT)/hostile-%.elf: $(GUEST_OUT)/obj/hostile/%.c.o $(HOSTILE_COMMON) $(GUEST_LIB_OBJS) $(GUEST_LD)
	$(CC) $(GUEST_LDFLAGS) $(GUEST_LIBC) $(filter %.o,$^) $(GUEST_LIBS) -o $@

$(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(OBJCOPY) -O binary $< $@

-include $(GUEST_OBJS:.o=.d)

clean: clean-guests
clean-guests:
	rm -rf $(GUEST_OUT)

.PHONY: guests clean-guests

# The hostile guests' objects and ELFs come from pattern rules: keep them (make would delete them
# as intermediates and rebuild them on every run).
.SECONDARY: $(GUEST_ELFS) $(GUEST_OBJS)
