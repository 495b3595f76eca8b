/* fuzz_check.h: FUZZ_CHECK, the fuzz targets' invariant check: on failure it names the condition and aborts (a crash for libFuzzer). */
#ifndef TESTS_FUZZ_FUZZ_CHECK_H
#define TESTS_FUZZ_FUZZ_CHECK_H
#include <stdio.h>
#include <stdlib.h>

/* Not assert(): it must stay on whatever NDEBUG says, and print where it failed. */
#define FUZZ_CHECK(cond)                                                                      \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                              \
		}                                                                             \
	} while (0)

#endif
