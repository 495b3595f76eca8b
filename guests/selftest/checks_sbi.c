/* checks_sbi.c: the SBI calls that answer without side effects: BASE and DBCN (console write). */
#include <stdio.h>
#include <string.h>
#include "lib/console.h"
#include "selftest.h"

#define EXPECT_SPEC_VERSION  0x02000000L     /* SBI 2.0 */
#define EXPECT_IMPL_ID       0x48525456L     /* "HRTV" */
#define BOGUS_EXT            0x12345678UL

static struct sbiret base_call(unsigned long fid, unsigned long arg)
{
	return sbi_call(SBI_EXT_BASE, fid, arg, 0, 0, 0, 0, 0);
}

static void check_base_spec_version(void)
{
	struct sbiret r = base_call(SBI_BASE_GET_SPEC_VERSION, 0);
	check("base_spec_version", r.error == 0 && r.value == EXPECT_SPEC_VERSION,
	      "error %ld, value 0x%lx, want 0x%lx", r.error, r.value, EXPECT_SPEC_VERSION);
}

static void check_base_impl_id(void)
{
	struct sbiret r = base_call(SBI_BASE_GET_IMPL_ID, 0);
	check("base_impl_id", r.error == 0 && r.value == EXPECT_IMPL_ID,
	      "error %ld, value 0x%lx, want 0x%lx", r.error, r.value, EXPECT_IMPL_ID);
}

static void check_base_probe(void)
{
	static const struct { const char *name; unsigned long eid; } exts[] = {
		{ "BASE", SBI_EXT_BASE }, { "TIME", SBI_EXT_TIME }, { "IPI", SBI_EXT_IPI },
		{ "RFENCE", SBI_EXT_RFENCE }, { "HSM", SBI_EXT_HSM }, { "SRST", SBI_EXT_SRST },
		{ "DBCN", SBI_EXT_DBCN }, { "legacy putchar", SBI_EXT_LEGACY_PUTCHAR },
	};
	char missing[96] = "";
	size_t len = 0;

	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		struct sbiret r = base_call(SBI_BASE_PROBE_EXT, exts[i].eid);
		if (r.error == 0 && r.value != 0)
			continue;
		len += (size_t)snprintf(missing + len, len < sizeof(missing) ? sizeof(missing) - len : 0,
					"%s%s", len ? ", " : "", exts[i].name);
	}
	check("base_probe", len == 0, "not offered: %s", missing);
}

static void check_base_probe_bogus(void)
{
	struct sbiret r = base_call(SBI_BASE_PROBE_EXT, BOGUS_EXT);
	check("base_probe_bogus", r.error == 0 && r.value == 0,
	      "probe 0x%lx: error %ld, value %ld, want 0, 0", BOGUS_EXT, r.error, r.value);
}

static void check_base_unknown_extension(void)
{
	struct sbiret r = sbi_call(BOGUS_EXT, 0, 0, 0, 0, 0, 0, 0);
	check("base_unknown_extension", r.error == SBI_ERR_NOT_SUPPORTED,
	      "call to 0x%lx: error %ld, want %d", BOGUS_EXT, r.error, SBI_ERR_NOT_SUPPORTED);
}

void check_base(void)
{
	check_base_spec_version();
	check_base_impl_id();
	check_base_probe();
	check_base_probe_bogus();
	check_base_unknown_extension();
}

static const char dbcn_line[] = "selftest: this line is one DBCN write\n";

static void check_dbcn_write(void)
{
	size_t len = strlen(dbcn_line);

	console_flush();
	struct sbiret r = sbi_debug_console_write(dbcn_line, len);
	check("dbcn_write", r.error == 0 && r.value == (long)len,
	      "error %ld, value %ld, want 0, %zu", r.error, r.value, len);
}

static struct sbiret dbcn_write_raw(unsigned long len, unsigned long lo, unsigned long hi)
{
	return sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, len, lo, hi, 0, 0, 0);
}

static void check_dbcn_bad_address(void)
{
	const unsigned long ram_end = SELFTEST_RAM_BASE + SELFTEST_RAM_SIZE;
	const struct { unsigned long len, lo, hi; } bad[] = {
		{ 4, 0x1000, 0 },                      /* below RAM */
		{ 4, ram_end, 0 },                     /* just past RAM */
		{ 4, ram_end - 2, 0 },                 /* straddles the end of RAM */
		{ 4, (unsigned long)dbcn_line, 1 },    /* base_addr_hi beyond 2^64 */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sbiret r = dbcn_write_raw(bad[i].len, bad[i].lo, bad[i].hi);
		if (r.error != SBI_ERR_INVALID_PARAM) {
			check("dbcn_bad_address", false, "%lu bytes at 0x%lx (hi 0x%lx): error %ld, want %d",
			      bad[i].len, bad[i].lo, bad[i].hi, r.error, SBI_ERR_INVALID_PARAM);
			return;
		}
	}
	check_ok("dbcn_bad_address");
}

static void check_dbcn_wrap(void)
{
	const unsigned long base = (unsigned long)dbcn_line;
	/* base + len wraps around 2^64 to a small number, then to exactly RAM's start */
	const unsigned long lens[] = { ~0UL, 0UL - base + 4, 0UL - base + SELFTEST_RAM_BASE };

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct sbiret r = dbcn_write_raw(lens[i], base, 0);
		if (r.error != SBI_ERR_INVALID_PARAM) {
			check("dbcn_wrap", false, "0x%lx bytes at 0x%lx: error %ld, want %d",
			      lens[i], base, r.error, SBI_ERR_INVALID_PARAM);
			return;
		}
	}
	check_ok("dbcn_wrap");
}

void check_dbcn(void)
{
	check_dbcn_write();
	check_dbcn_bad_address();
	check_dbcn_wrap();
}
