/* fat.c: FAT16/FAT32 reader: BPB checks, path lookup with VFAT long names, streaming file reads,
 * and in-place rewrites of an existing file's bytes (no allocation, the size never changes). */
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include "base/err.h"
#include "base/types.h"
#include "fs/fat.h"

#define FAT_ATTR_VOLUME  0x08
#define FAT_ATTR_DIR     0x10
#define FAT_ATTR_LFN     0x0f
#define FAT_DIRENT_SIZE  32u
#define FAT_LFN_CHARS    13u
#define FAT_LFN_MAX      255u
#define FAT_NAME_MAX     255u
#define FAT16_MIN_CLUSTERS 4085u
#define FAT32_MIN_CLUSTERS 65525u
#define FAT32_MAX_CLUSTERS 0x0ffffff5u
#define FAT_MAX_RUN_SECTORS 0x10000u   /* largest single read call */

/* ---- little-endian fields ---- */

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static bool is_pow2(uint32_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* ---- sector access ---- */

static int dev_read(struct fat_fs *fs, uint64_t sector, uint32_t count, void *buf)
{
	if (count == 0 || sector >= fs->total_sectors || count > fs->total_sectors - sector)
		return HV_ECORRUPT;
	int rc = fs->read(fs->ctx, sector, count, buf);
	return rc < 0 ? rc : HV_OK;
}

/* Returns a cached copy of one sector (valid until the next cache_get). */
static int cache_get(struct fat_fs *fs, uint64_t sector, const uint8_t **out)
{
	struct fat_cache_slot *victim = &fs->cache[0];
	for (uint32_t i = 0; i < FAT_CACHE_SLOTS; i++) {
		struct fat_cache_slot *s = &fs->cache[i];
		if (s->stamp != 0 && s->sector == sector) {
			s->stamp = ++fs->cache_clock;
			*out = s->data;
			return HV_OK;
		}
		if (s->stamp < victim->stamp)
			victim = s;
	}
	victim->stamp = 0;
	int rc = dev_read(fs, sector, 1, victim->data);
	if (rc < 0)
		return rc;
	victim->sector = sector;
	victim->stamp = ++fs->cache_clock;
	*out = victim->data;
	return HV_OK;
}

/* ---- the FAT ---- */

static bool cluster_valid(const struct fat_fs *fs, uint32_t c)
{
	return c >= 2 && c - 2 < fs->cluster_count;
}

static uint64_t cluster_sector(const struct fat_fs *fs, uint32_t c)
{
	return fs->data_start + (uint64_t)(c - 2) * fs->cluster_sectors;
}

/* Next link of cluster c: 1 with *next set, 0 at end of chain, HV_ECORRUPT for a bad link. */
static int fat_next(struct fat_fs *fs, uint32_t c, uint32_t *next)
{
	if (!cluster_valid(fs, c))
		return HV_ECORRUPT;
	uint32_t width = fs->type == FAT_TYPE_32 ? 4 : 2;
	uint64_t off = (uint64_t)c * width;
	const uint8_t *sec;
	int rc = cache_get(fs, fs->fat_start + off / FAT_SECTOR_SIZE, &sec);
	if (rc < 0)
		return rc;
	const uint8_t *p = sec + off % FAT_SECTOR_SIZE;
	uint32_t v = fs->type == FAT_TYPE_32 ? le32(p) & 0x0fffffffu : le16(p);
	uint32_t eoc = fs->type == FAT_TYPE_32 ? 0x0ffffff8u : 0xfff8u;
	if (v >= eoc)
		return 0;
	if (!cluster_valid(fs, v))
		return HV_ECORRUPT;
	*next = v;
	return 1;
}

/* ---- mounting ---- */

struct fat_bpb {
	uint32_t bps, spc, reserved, nfats, root_entries, fat_size, total;
	uint16_t fat_size16, ext_flags;
	uint32_t root_cluster;
};

static int bpb_parse(const uint8_t *b, struct fat_bpb *p)
{
	if ((b[0] != 0xeb && b[0] != 0xe9) || b[510] != 0x55 || b[511] != 0xaa)
		return HV_ECORRUPT;
	p->bps = le16(b + 11);
	p->spc = b[13];
	p->reserved = le16(b + 14);
	p->nfats = b[16];
	p->root_entries = le16(b + 17);
	p->total = le16(b + 19) ? le16(b + 19) : le32(b + 32);
	p->fat_size16 = le16(b + 22);
	p->fat_size = p->fat_size16 ? p->fat_size16 : le32(b + 36);
	p->ext_flags = le16(b + 40);
	p->root_cluster = le32(b + 44);
	if (!is_pow2(p->bps) || p->bps < 512 || p->bps > 4096 || !is_pow2(p->spc) ||
	    p->bps * p->spc > 65536 || p->reserved == 0 || p->nfats < 1 || p->nfats > 2 ||
	    p->fat_size == 0 || p->total == 0)
		return HV_ECORRUPT;
	return HV_OK;
}

/* Fills the layout of fs from a checked BPB; the type follows from the cluster count. */
static int layout_from_bpb(struct fat_fs *fs, const struct fat_bpb *p)
{
	uint32_t scale = p->bps / FAT_SECTOR_SIZE;
	uint64_t root_secs = ((uint64_t)p->root_entries * FAT_DIRENT_SIZE + p->bps - 1) / p->bps;
	uint64_t data = p->reserved + (uint64_t)p->nfats * p->fat_size + root_secs;
	if (data >= p->total)
		return HV_ECORRUPT;
	uint64_t clusters = (p->total - data) / p->spc;
	if (clusters < FAT16_MIN_CLUSTERS)
		return HV_ENOTSUP;   /* FAT12 */
	fs->type = clusters < FAT32_MIN_CLUSTERS ? FAT_TYPE_16 : FAT_TYPE_32;
	uint32_t width = fs->type == FAT_TYPE_32 ? 4 : 2;
	if (clusters > FAT32_MAX_CLUSTERS || (uint64_t)p->fat_size * p->bps / width < clusters + 2)
		return HV_ECORRUPT;
	uint32_t active = 0;
	if (fs->type == FAT_TYPE_16) {
		if (p->root_entries == 0 || p->fat_size16 == 0)
			return HV_ECORRUPT;
	} else {
		if (p->root_entries != 0 || p->fat_size16 != 0)
			return HV_ECORRUPT;
		if (p->ext_flags & 0x80)
			active = p->ext_flags & 0x0f;
		if (active >= p->nfats)
			return HV_ECORRUPT;
	}
	fs->total_sectors = (uint64_t)p->total * scale;
	fs->fat_start = ((uint64_t)p->reserved + (uint64_t)active * p->fat_size) * scale;
	fs->root_start = ((uint64_t)p->reserved + (uint64_t)p->nfats * p->fat_size) * scale;
	fs->root_sectors = (uint32_t)(root_secs * scale);
	fs->data_start = data * scale;
	fs->cluster_sectors = p->spc * scale;
	fs->cluster_bytes = p->spc * p->bps;
	fs->cluster_count = (uint32_t)clusters;
	fs->root_cluster = fs->type == FAT_TYPE_32 ? p->root_cluster : 0;
	if (fs->type == FAT_TYPE_32 && !cluster_valid(fs, fs->root_cluster))
		return HV_ECORRUPT;
	return HV_OK;
}

int fat_mount(struct fat_fs *fs, fat_read_fn read, void *ctx)
{
	if (!fs || !read)
		return HV_EINVAL;
	memset(fs, 0, sizeof(*fs));
	fs->read = read;
	fs->ctx = ctx;
	uint8_t *b = fs->cache[0].data;
	int rc = read(ctx, 0, 1, b);
	if (rc < 0)
		return rc;
	struct fat_bpb p;
	rc = bpb_parse(b, &p);
	if (rc == HV_OK)
		rc = layout_from_bpb(fs, &p);
	if (rc < 0) {
		fs->read = NULL;
		return rc;
	}
	return HV_OK;
}

/* ---- chains ---- */

/*
 * Checks that the chain from first holds at least `need` clusters and ends right there, so every
 * later walk inside the file stays in range; a loop cannot end, so it is caught as too long.
 */
static int chain_check(struct fat_fs *fs, uint32_t first, uint64_t need)
{
	if (need == 0)
		return first == 0 ? HV_OK : HV_ECORRUPT;
	if (need > fs->cluster_count || !cluster_valid(fs, first))
		return HV_ECORRUPT;
	uint32_t c = first;
	for (uint64_t i = 1; i < need; i++) {
		int rc = fat_next(fs, c, &c);
		if (rc <= 0)
			return rc == 0 ? HV_ECORRUPT : rc;
	}
	uint32_t next;
	int rc = fat_next(fs, c, &next);
	return rc == 0 ? HV_OK : (rc < 0 ? rc : HV_ECORRUPT);
}

/* ---- directories ---- */

struct dir_iter {
	bool fixed;          /* FAT16 root: a run of sectors outside the data area */
	uint64_t sector;     /* fixed: next sector */
	uint32_t left;       /* fixed: sectors left */
	uint32_t cluster;    /* chained: current cluster (0 before the first) */
	uint32_t next_first; /* chained: the first cluster, used once */
	uint32_t in_cluster; /* chained: next sector within the cluster */
	uint32_t steps;      /* chained: clusters visited, bounded by the cluster count */
};

static void dir_iter_init(struct fat_fs *fs, const struct fat_file *dir, struct dir_iter *it)
{
	memset(it, 0, sizeof(*it));
	if (dir->first_cluster == 0 && fs->type == FAT_TYPE_16) {
		it->fixed = true;
		it->sector = fs->root_start;
		it->left = fs->root_sectors;
	} else {
		it->next_first = dir->first_cluster;
		it->in_cluster = fs->cluster_sectors;
	}
}

/* 1 with *sector set, 0 at the end of the directory, negative on error. */
static int dir_next_sector(struct fat_fs *fs, struct dir_iter *it, uint64_t *sector)
{
	if (it->fixed) {
		if (it->left == 0)
			return 0;
		it->left--;
		*sector = it->sector++;
		return 1;
	}
	if (it->in_cluster == fs->cluster_sectors) {
		uint32_t next = it->next_first;
		if (it->cluster != 0) {
			int rc = fat_next(fs, it->cluster, &next);
			if (rc <= 0)
				return rc;
		} else if (!cluster_valid(fs, next)) {
			return HV_ECORRUPT;
		}
		if (++it->steps > fs->cluster_count)
			return HV_ECORRUPT;   /* the chain loops */
		it->cluster = next;
		it->in_cluster = 0;
	}
	*sector = cluster_sector(fs, it->cluster) + it->in_cluster++;
	return 1;
}

/* Long-name assembly state across LFN entries. */
struct lfn_state {
	uint16_t name[FAT_LFN_MAX + FAT_LFN_CHARS];
	uint8_t checksum;
	uint8_t expect;      /* sequence number of the next entry; 0 = no name pending */
	bool complete;       /* all pieces seen, waiting for the short entry */
};

static uint8_t short_checksum(const uint8_t *e)
{
	uint8_t sum = 0;
	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + e[i]);
	return sum;
}

static void lfn_add(struct lfn_state *l, const uint8_t *e)
{
	static const uint8_t offs[FAT_LFN_CHARS] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };
	uint8_t seq = e[0] & 0x1f;
	if (e[0] & 0x40) {
		l->expect = seq;
		l->checksum = e[13];
		memset(l->name, 0, sizeof(l->name));
	}
	if (seq == 0 || seq != l->expect || e[13] != l->checksum || seq * FAT_LFN_CHARS > ARRAY_SIZE(l->name)) {
		l->expect = 0;
		l->complete = false;
		return;
	}
	for (uint32_t i = 0; i < FAT_LFN_CHARS; i++)
		l->name[(seq - 1) * FAT_LFN_CHARS + i] = le16(e + offs[i]);
	l->expect = (uint8_t)(seq - 1);
	l->complete = seq == 1;
}

static bool lfn_matches(const struct lfn_state *l, const char *name, size_t len)
{
	size_t i = 0;
	for (; i < ARRAY_SIZE(l->name) && l->name[i] != 0 && l->name[i] != 0xffff; i++) {
		if (i >= len || l->name[i] > 0x7f || ascii_lower((char)l->name[i]) != ascii_lower(name[i]))
			return false;
	}
	return i == len;
}

static bool short_matches(const uint8_t *e, const char *name, size_t len)
{
	char buf[13];
	size_t n = 0;
	for (int i = 0; i < 8 && e[i] != ' '; i++)
		buf[n++] = (char)(i == 0 && e[0] == 0x05 ? 0xe5 : e[i]);
	if (e[8] != ' ') {
		buf[n++] = '.';
		for (int i = 8; i < 11 && e[i] != ' '; i++)
			buf[n++] = (char)e[i];
	}
	if (n != len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ascii_lower(buf[i]) != ascii_lower(name[i]))
			return false;
	return true;
}

/* Turns a short directory entry into an open file, checking its cluster and size. */
static int entry_to_file(struct fat_fs *fs, const uint8_t *e, struct fat_file *f)
{
	memset(f, 0, sizeof(*f));
	f->is_dir = (e[11] & FAT_ATTR_DIR) != 0;
	f->first_cluster = le16(e + 26);
	if (fs->type == FAT_TYPE_32)
		f->first_cluster |= (uint32_t)le16(e + 20) << 16;
	if (f->is_dir) {
		if (f->first_cluster == 0 && e[0] == '.') {   /* ".." of a top-level directory */
			f->first_cluster = fs->root_cluster;
			return HV_OK;
		}
		return cluster_valid(fs, f->first_cluster) ? HV_OK : HV_ECORRUPT;
	}
	f->size = le32(e + 28);
	uint64_t need = (f->size + fs->cluster_bytes - 1) / fs->cluster_bytes;
	return chain_check(fs, f->first_cluster, need);
}

/* Checks one 32-byte entry: 1 and *f on a match, 0 to go on, 2 at the end of the directory, <0 on error. */
static int dir_entry_step(struct fat_fs *fs, struct lfn_state *l, const uint8_t *e,
			  const char *name, size_t len, struct fat_file *f)
{
	if (e[0] == 0x00)
		return 2;
	if (e[0] == 0xe5) {
		l->expect = 0;
		l->complete = false;
		return 0;
	}
	if ((e[11] & 0x3f) == FAT_ATTR_LFN) {
		lfn_add(l, e);
		return 0;
	}
	bool long_ok = l->complete && l->checksum == short_checksum(e);
	l->expect = 0;
	l->complete = false;
	if (e[11] & FAT_ATTR_VOLUME)
		return 0;
	if ((long_ok && lfn_matches(l, name, len)) || short_matches(e, name, len)) {
		int rc = entry_to_file(fs, e, f);
		return rc < 0 ? rc : 1;
	}
	return 0;
}

static int dir_lookup(struct fat_fs *fs, const struct fat_file *dir, const char *name, size_t len,
		      struct fat_file *f)
{
	struct lfn_state l;
	memset(&l, 0, sizeof(l));
	struct dir_iter it;
	dir_iter_init(fs, dir, &it);
	for (;;) {
		uint64_t sector;
		int rc = dir_next_sector(fs, &it, &sector);
		if (rc <= 0)
			return rc == 0 ? HV_ENOENT : rc;
		const uint8_t *sec;
		rc = cache_get(fs, sector, &sec);
		if (rc < 0)
			return rc;
		uint8_t copy[FAT_SECTOR_SIZE];   /* entry_to_file reuses the cache */
		memcpy(copy, sec, sizeof(copy));
		for (uint32_t off = 0; off < FAT_SECTOR_SIZE; off += FAT_DIRENT_SIZE) {
			rc = dir_entry_step(fs, &l, copy + off, name, len, f);
			if (rc == 2)
				return HV_ENOENT;
			if (rc != 0)
				return rc < 0 ? rc : HV_OK;
		}
	}
}

static void root_dir(const struct fat_fs *fs, struct fat_file *f)
{
	memset(f, 0, sizeof(*f));
	f->is_dir = true;
	f->first_cluster = fs->root_cluster;
}

int fat_open(struct fat_fs *fs, const char *path, struct fat_file *f)
{
	if (!fs || !fs->read || !path || !f || path[0] != '/')
		return HV_EINVAL;
	struct fat_file cur;
	root_dir(fs, &cur);
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		size_t len = 0;
		while (p[len] != '\0' && p[len] != '/')
			len++;
		if (!cur.is_dir || len > FAT_NAME_MAX)
			return HV_ENOENT;
		struct fat_file next;
		int rc = dir_lookup(fs, &cur, p, len, &next);
		if (rc < 0)
			return rc;
		cur = next;
		p += len;
	}
	*f = cur;
	return HV_OK;
}

/* ---- reading ---- */

/* Moves the file's streaming position to chain index idx and returns that cluster. */
static int file_seek(struct fat_fs *fs, struct fat_file *f, uint32_t idx, uint32_t *cluster)
{
	if (f->cur_cluster == 0 || idx < f->cur_index) {
		if (!cluster_valid(fs, f->first_cluster))
			return HV_ECORRUPT;
		f->cur_cluster = f->first_cluster;
		f->cur_index = 0;
	}
	while (f->cur_index < idx) {
		uint32_t next;
		int rc = fat_next(fs, f->cur_cluster, &next);
		if (rc <= 0) {
			f->cur_cluster = 0;
			return rc == 0 ? HV_ECORRUPT : rc;
		}
		f->cur_cluster = next;
		f->cur_index++;
	}
	*cluster = f->cur_cluster;
	return HV_OK;
}

/* Extends a whole-cluster run past the current cluster over physically contiguous clusters. */
static int run_extend(struct fat_fs *fs, struct fat_file *f, uint64_t left, uint64_t *nsec)
{
	uint64_t last_idx = (f->size - 1) / fs->cluster_bytes;
	while (left - *nsec * FAT_SECTOR_SIZE >= fs->cluster_bytes && f->cur_index < last_idx &&
	       *nsec + fs->cluster_sectors <= FAT_MAX_RUN_SECTORS) {
		uint32_t next;
		int rc = fat_next(fs, f->cur_cluster, &next);
		if (rc <= 0)
			return rc == 0 ? HV_ECORRUPT : rc;
		if (next != f->cur_cluster + 1)
			break;
		f->cur_cluster = next;
		f->cur_index++;
		*nsec += fs->cluster_sectors;
	}
	return HV_OK;
}

/* Reads one piece at offset (within one cluster, or a contiguous run); returns bytes read. */
static int64_t read_piece(struct fat_fs *fs, struct fat_file *f, uint64_t offset, uint8_t *buf, uint64_t left)
{
	uint32_t c;
	int rc = file_seek(fs, f, (uint32_t)(offset / fs->cluster_bytes), &c);
	if (rc < 0)
		return rc;
	uint32_t in = (uint32_t)(offset % fs->cluster_bytes);
	uint64_t sector = cluster_sector(fs, c) + in / FAT_SECTOR_SIZE;
	uint32_t in_sec = in % FAT_SECTOR_SIZE;
	if (in_sec == 0 && left >= FAT_SECTOR_SIZE) {
		uint64_t nsec = (fs->cluster_bytes - in) / FAT_SECTOR_SIZE;
		if (left / FAT_SECTOR_SIZE < nsec)
			nsec = left / FAT_SECTOR_SIZE;
		else if ((rc = run_extend(fs, f, left, &nsec)) < 0)
			return rc;
		rc = dev_read(fs, sector, (uint32_t)nsec, buf);
		return rc < 0 ? rc : (int64_t)(nsec * FAT_SECTOR_SIZE);
	}
	const uint8_t *sec;
	rc = cache_get(fs, sector, &sec);
	if (rc < 0)
		return rc;
	uint64_t n = FAT_SECTOR_SIZE - in_sec;
	if (n > left)
		n = left;
	memcpy(buf, sec + in_sec, n);
	return (int64_t)n;
}

int64_t fat_read(struct fat_fs *fs, struct fat_file *f, uint64_t offset, void *buf, uint64_t len)
{
	if (!fs || !fs->read || !f || (!buf && len))
		return HV_EINVAL;
	if (f->is_dir)
		return HV_EINVAL;
	if (offset >= f->size)
		return 0;
	if (len > f->size - offset)
		len = f->size - offset;
	uint64_t done = 0;
	while (done < len) {
		int64_t n = read_piece(fs, f, offset + done, (uint8_t *)buf + done, len - done);
		if (n < 0)
			return n;
		done += (uint64_t)n;
	}
	return (int64_t)done;
}

uint64_t fat_file_size(const struct fat_file *f)
{
	return f ? f->size : 0;
}

/* ---- in-place writes ---- */

/* Drops cached copies of sectors [sector, sector + count) after they were rewritten. */
static void cache_forget(struct fat_fs *fs, uint64_t sector, uint64_t count)
{
	for (uint32_t i = 0; i < FAT_CACHE_SLOTS; i++)
		if (fs->cache[i].stamp != 0 && fs->cache[i].sector - sector < count)
			fs->cache[i].stamp = 0;
}

int fat_write_in_place(struct fat_fs *fs, fat_write_fn write, void *ctx, struct fat_file *f, uint64_t offset,
		       const void *buf, uint64_t len)
{
	if (!fs || !write || !f || f->is_dir || (!buf && len))
		return HV_EINVAL;
	if (offset % FAT_SECTOR_SIZE || len % FAT_SECTOR_SIZE)
		return HV_EINVAL;
	if (offset > f->size || len > f->size - offset)
		return HV_ERANGE;
	const uint8_t *src = buf;
	while (len) {
		uint32_t c;
		int rc = file_seek(fs, f, (uint32_t)(offset / fs->cluster_bytes), &c);
		if (rc < 0)
			return rc;
		uint32_t in = (uint32_t)(offset % fs->cluster_bytes);
		uint64_t n = fs->cluster_bytes - in;
		if (n > len)
			n = len;
		uint64_t sector = cluster_sector(fs, c) + in / FAT_SECTOR_SIZE;
		uint32_t count = (uint32_t)(n / FAT_SECTOR_SIZE);
		if (sector >= fs->total_sectors || count > fs->total_sectors - sector)
			return HV_ECORRUPT;
		rc = write(ctx, sector, count, src);
		if (rc < 0)
			return rc;
		cache_forget(fs, sector, count);
		offset += n;
		src += n;
		len -= n;
	}
	return HV_OK;
}
