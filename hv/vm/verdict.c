/* verdict.c: vm_fatal, the one way an exit handler stops a VM for its guest's fault. */
#include <stdarg.h>
#include <stdio.h>
#include "base/log.h"
#include "vm/verdict.h"
#include "vm/vm_stop.h"
#include "trace/trace.h"

enum exit_result vm_fatal(struct vcpu *v, struct exit_info *info, const char *fmt, ...)
{
	char reason[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	vm_log_error(v->vm->id, "%s: %s; exit %s (scause 0x%lx) on vcpu %d sepc=0x%lx stval=0x%lx htval=0x%lx "
		     "htinst=0x%lx; VM stopped", v->vm->name, reason, trace_cause_name(v->scause),
		     (unsigned long)v->scause, v->id, (unsigned long)v->sepc, (unsigned long)v->stval,
		     (unsigned long)v->htval, (unsigned long)v->htinst);
	vm_stop(v->vm, VM_STOP_ERROR);
	info->action = ACT_STOPPED;
	return EXIT_VM_STOPPED;
}
