/* log.h: the hypervisor's log: levels, and the VM id in each line that concerns a VM. */
#ifndef HV_BASE_LOG_H
#define HV_BASE_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

extern enum log_level log_threshold;

/* vm < 0: a line about the hypervisor itself. */
void log_msg(enum log_level level, int vm, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define log_error(...) log_msg(LOG_ERROR, -1, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, -1, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, -1, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, -1, __VA_ARGS__)
#define vm_log_error(vm, ...) log_msg(LOG_ERROR, (vm), __VA_ARGS__)
#define vm_log_warn(vm, ...)  log_msg(LOG_WARN, (vm), __VA_ARGS__)
#define vm_log_info(vm, ...)  log_msg(LOG_INFO, (vm), __VA_ARGS__)
#define vm_log_debug(vm, ...) log_msg(LOG_DEBUG, (vm), __VA_ARGS__)

#endif
