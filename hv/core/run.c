/* run.c: the top of the run loop: reads the command line, builds the VMs of the chosen
 * description, and runs them until all have stopped. */
#include <stdio.h>
#include <string.h>
#include "arch/vcpu_arch.h"
#include "core/boot.h"
#include "base/cmdline.h"
#include "base/err.h"
#include "base/log.h"
#include "core/sched.h"
#include "vm/vm_config.h"
#include "core/vm_create.h"
#include "vm/console.h"
#include "fs/files.h"

#define DEFAULT_VM          "mkernel"     /* from the disk */
#define DEFAULT_EMBEDDED_VM "simple_hv"   /* with no disk: the one description in the image */

static struct vm_config configs[VMCFG_MAX_VMS];
static struct vm vms[VMCFG_MAX_VMS];

static void log_config_error(void *arg, const char *line)
{
	(void)arg;
	log_error("%s", line);
}

/* Loads /vm/<name>.dtb and parses it; returns the number of good VMs or a negative error. Every
 * problem is logged, one line each; a bad vm node is skipped and the others still run. */
static int load_description(const char *name)
{
	static uint8_t dtb[64 * 1024] __attribute__((aligned(8)));
	char path[64];
	snprintf(path, sizeof(path), "/vm/%s.dtb", name);
	struct hv_file f;
	int rc = files_open(path, &f);
	if (rc) {
		log_error("%s: %s on the %s (make run VM=<name> with a file in configs/)", path,
			  rc == HV_ENOENT ? "no such VM description" : hv_strerror(rc), files_source());
		return rc;
	}
	if (f.size > sizeof(dtb)) {
		log_error("%s: %lu bytes; a VM description may be at most %lu", path, (unsigned long)f.size,
			  (unsigned long)sizeof(dtb));
		return HV_ERANGE;
	}
	int64_t n = files_read(&f, 0, dtb, f.size);
	if (n != (int64_t)f.size) {
		log_error("%s: read failed: %s", path, hv_strerror(n < 0 ? (int)n : HV_EIO));
		return HV_EIO;
	}
	return vm_config_parse_each(dtb, f.size, path, configs, VMCFG_MAX_VMS, log_config_error, NULL);
}

static int trace_override(void)
{
	char value[16];
	if (!cmdline_get(host.bootargs, "trace", value, sizeof(value)))
		return -1;
	int level = trace_level_parse(value);
	if (level < 0)
		log_warn("unknown trace level '%s' (off, summary, exits, full, dump); ignored", value);
	return level;
}

/* Builds and runs the VMs of one description until all of them have stopped. */
static void run_description(const char *name, int trace)
{
	int n = load_description(name);
	int built = 0;
	for (int i = 0; i < n; i++) {
		if (trace >= 0)
			configs[i].trace_level = trace;
		if (!cmdline_append_guest_args(host.bootargs, configs[i].bootargs, sizeof(configs[i].bootargs))) {
			log_error("%s: its bootargs \"%s\" and the guest.KEY=VALUE words of the command line do "
				  "not fit in %lu bytes; VM not built", configs[i].name, configs[i].bootargs,
				  (unsigned long)sizeof(configs[i].bootargs) - 1);
			continue;
		}
		if (vm_create(&vms[built], built, &configs[i]) == 0)
			sched_add_vm(&vms[built++]);
	}
	console_set_vm_count(built);
	if (built)
		sched_run(vms, built);
}

void hv_run(const struct host_info *info)
{
	int vmid_bits = arch_h_init(info->has_sstc);
	log_info("H extension ready: %d VMID bits, %s timer", vmid_bits, info->has_sstc ? "Sstc" : "SBI");
	/* vm=a,b,... runs the descriptions one after another, each once the one before has stopped */
	char names[128];
	strcpy(names, strcmp(files_source(), "disk") ? DEFAULT_EMBEDDED_VM : DEFAULT_VM);
	cmdline_get(info->bootargs, "vm", names, sizeof(names));
	int trace = trace_override();
	for (char *name = names, *next; name; name = next) {
		next = strchr(name, ',');
		if (next)
			*next++ = 0;
		if (*name)
			run_description(name, trace);
	}
	log_info("all VMs have stopped");
}
