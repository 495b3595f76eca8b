#!/usr/bin/env python3
# mkcorpus.py: writes the fuzz targets' seed corpus under tests/fuzz/corpus/<target>/ (run from the repo top
# after `make all`; needs mkfs.fat and mtools). The output is committed; rerun only to change the seeds.
import os, random, shutil, struct, subprocess, sys, tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "tests/fuzz/corpus")

def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def read(path):
    with open(os.path.join(TOP, path), "rb") as f:
        return f.read()

# ---- insn: the assembler-made encodings of test_insn.c, and real guest code ----
def insn_seeds():
    import re
    words = [int(w, 16) for w in re.findall(r"\{ (0x[0-9a-fA-F]+),", read("tests/unit/test_insn.c").decode())]
    put("insn", "test_insn_words", b"".join(struct.pack("<I", w & 0xffffffff) for w in words))
    put("insn", "selftest_code", read("build/guests/selftest.bin")[:512])
    put("insn", "mkernel_code", read("build/guests/mkernel.bin")[:512])

# ---- cfi: (bank width, size) then operations: ctl, 24-bit offset, value bytes ----
W = {1: 0, 2: 2, 4: 4, 8: 6}
def rd(off, width=4): return bytes([W[width]]) + struct.pack("<I", off)[:3]
def wr(off, val, width=4, check=False):
    return bytes([1 | W[width] | (0x10 if check else 0)]) + struct.pack("<I", off)[:3] + struct.pack("<Q", val)[:width]
def cfi_seeds():
    cmd = lambda c: wr(0, c * 0x00010001)     # the same command to both x16 devices
    put("cfi", "read_id", bytes([4, 0]) + cmd(0x90) + rd(0) + rd(4) + cmd(0xff) + rd(0))
    put("cfi", "query", bytes([4, 0]) + cmd(0x98) + b"".join(rd(o * 4) for o in range(0x10, 0x31, 3)) + cmd(0xff))
    put("cfi", "program_word", bytes([4, 0]) + cmd(0x40) + wr(0x100, 0x12345678, check=True) + rd(0x100) +
        cmd(0x70) + rd(0) + cmd(0xff) + rd(0x100))
    put("cfi", "erase_block", bytes([4, 1]) + cmd(0x20) + wr(CFI := 0x40000, 0x00d000d0, check=True) + rd(0) +
        cmd(0xff) + rd(CFI) + rd(CFI - 4))
    put("cfi", "buffered_write", bytes([4, 0]) + cmd(0xe8) + wr(0x200, 0x00030003) +
        b"".join(wr(0x200 + 4 * i, 0x01020304 + i) for i in range(4)) + wr(0x200, 0x00d000d0, check=True) +
        cmd(0xff) + rd(0x200, 8) + rd(0x208, 8))
    put("cfi", "bad_confirm", bytes([4, 0]) + cmd(0x20) + wr(0, 0x00330033) + rd(0) + cmd(0x50) + rd(0, 1))
    put("cfi", "lock_clear_status", bytes([2, 3]) + wr(0, 0x60, 2) + wr(0, 0x01, 2) + rd(0, 2) + wr(0, 0x50, 2) +
        wr(0, 0x40, 2) + wr(6, 0x00, 2) + rd(6, 2))
    put("cfi", "width1_small", bytes([1, 4]) + wr(0, 0xe8, 1) + wr(0, 0x03, 1) + wr(1, 1, 1) + wr(2, 2, 1) +
        wr(3, 3, 1) + wr(4, 4, 1) + wr(0, 0xd0, 1) + wr(0, 0xff, 1) + rd(0, 8))
    put("cfi", "pflash_header", b"pfld\x00\x00\x00\x01\x00\x00\x00\x04\x00\x00\x00\x00abcd")

# ---- sbi: vCPUs, stopped mask, then calls: eid selector, fid, caller, a0..a5 ----
RAM = 0x80000000
def call(sel, fid, *args, caller=0):
    a = list(args) + [0] * (6 - len(args))
    return bytes([sel, fid, caller]) + b"".join(struct.pack("<Q", x & (2**64 - 1)) for x in a)
def sbi_seeds():
    BASE, TIME, IPI, RFENCE, HSM, SRST, DBCN = 9, 10, 11, 12, 13, 14, 15
    put("sbi", "base", bytes([1, 0]) + b"".join(call(BASE, f, 0x10) for f in range(7)) + call(BASE, 3, 0x4442434e))
    put("sbi", "legacy", bytes([3, 0]) + call(0, 0, 12345) + call(1, 0, ord("x")) + call(2, 0) + call(3, 0) +
        call(4, 0, 0) + call(4, 0, RAM + 0x100) + call(6, 0, RAM + 0x3ff8, 0, 4096) + call(7, 0, 0, 0, -1, 3))
    put("sbi", "hsm", bytes([4, 0x0e]) + call(HSM, 2, 1) + call(HSM, 0, 1, RAM + 0x1000, 7) + call(HSM, 0, 1, RAM) +
        call(HSM, 0, 3, RAM + 0x4000) + call(HSM, 2, 9) + call(HSM, 1, caller=1))
    put("sbi", "ipi_rfence", bytes([4, 0]) + call(IPI, 0, 3, 0) + call(IPI, 0, 1, 3) + call(IPI, 0, 1, 4) +
        call(IPI, 0, 0, -1) + call(RFENCE, 1, 1, 0, 0x1000, 0x2000) + call(RFENCE, 2, 3, 1, 0, -1, 5) +
        call(RFENCE, 0, 0, -1) + call(RFENCE, 5, 1, 0))
    put("sbi", "dbcn", bytes([1, 0]) + call(DBCN, 0, 5, RAM + 0x10, 0) + call(DBCN, 1, 16, RAM + 0x3ff0, 0) +
        call(DBCN, 0, 17, RAM + 0x3ff0, 0) + call(DBCN, 0, 1, RAM, 1) + call(DBCN, 2, ord("!")) +
        call(DBCN, 1, -1, RAM + 1, 0))
    put("sbi", "time_srst", bytes([2, 2]) + call(TIME, 0, 1000000) + call(SRST, 0, 3, 0) + call(SRST, 0, 0xf0000000, 0) +
        call(SRST, 0, 1, 0x100000000) + call(SRST, 0, 0, 0))

# ---- loaders: 8-byte harness prefix (layout, flags, raw load offset), then the file ----
def prefix(layout=0, flags=0, raw_off=0): return bytes([layout, flags]) + struct.pack("<I", raw_off) + b"\0\0"
def elf(segments, entry):
    """ELF64 RISC-V executable; segments = (paddr, vaddr, data, memsz); data follows the headers."""
    ph_off, n = 64, len(segments)
    off = ph_off + 56 * n
    eh = b"\x7fELF" + bytes([2, 1, 1]) + bytes(9) + struct.pack("<HHIQQQIHHHHHH", 2, 243, 1, entry, ph_off, 0, 0,
                                                                  64, 56, n, 64, 0, 0)
    phs, body = b"", b""
    for paddr, vaddr, data, memsz in segments:
        phs += struct.pack("<IIQQQQQQ", 1, 7, off + len(body), vaddr, paddr, len(data), memsz, 0x1000)
        body += data
    return eh + phs + body
def elf_seeds():
    sk = read("build/guests/skernel.elf")[:0x1014]   # headers and its one segment's bytes
    put("elf", "skernel", prefix() + sk)
    put("elf", "skernel_initrd", prefix(0, 1) + sk)
    put("elf", "skernel_small_ram", prefix(4) + sk)
    put("elf", "two_segments_bss", prefix() + elf([(0x80200000, 0xffffffff80000000, bytes(range(64)), 0x2000),
                                                    (0x80204000, 0xffffffff80004000, b"\x13\0\0\0" * 4, 0x10)],
                                                   0xffffffff80004008))
    put("elf", "raw_at_offset", prefix(0, 0, 0x1000) + b"\x73\x00\x10\x00" * 8)
    put("elf", "top_of_space", prefix(2) + elf([(0xfffffffffff00000, 0xfffffffffff00000, b"\x01\x00" * 8, 0x100)],
                                              0xfffffffffff00000))
def image(text_offset, image_size, magic2_only=False, body=b"\x13\x00\x00\x00" * 16):
    hdr = struct.pack("<IIQQQIIQ", 0x0140006f, 0, text_offset, image_size, 0, 2, 0, 0)
    hdr += (b"\0" * 8 if magic2_only else b"RISCV\0\0\0") + b"RSC\x05" + struct.pack("<I", 0)
    return hdr + body
def image_seeds():
    put("image", "text_2m", prefix() + image(0x200000, 0x3000))
    put("image", "text_0_initrd", prefix(0, 1) + image(0, 0))
    put("image", "magic2_unaligned_ram", prefix(1) + image(0x200000, 0x100, True))
    put("image", "top_of_space", prefix(2) + image(0x200000, 0x1000))
    put("image", "too_big", prefix(4) + image(0x200000, 0x10000000))

# ---- vm_config: the compiled descriptions ----
def vm_config_seeds():
    for f in sorted(os.listdir(os.path.join(TOP, "build/configs"))):
        if f.endswith(".dtb"):
            put("vm_config", f[:-4], read("build/configs/" + f))

# ---- fat: real volumes (mkfs.fat + mtools) as sparse records: u32 sector, 512 bytes ----
def sparse(img):
    out = b""
    for s in range(len(img) // 512):
        sec = img[s * 512:(s + 1) * 512]
        if sec.count(0) != 512:
            out += struct.pack("<I", s) + sec
    return out
def fat_image(tmp, mkfs_opts, mib):
    path = os.path.join(tmp, "disk.img")
    if os.path.exists(path):
        os.remove(path)
    rnd = random.Random(1)
    files = {"kernel.bin": bytes(rnd.randrange(256) for _ in range(3001)), "hello.txt": b"hello, fat\n",
             "x.dtb": read("build/configs/simple_hv.dtb")}
    for n, d in files.items():
        with open(os.path.join(tmp, n), "wb") as f:
            f.write(d)
    sh = (f"set -e; mkfs.fat {mkfs_opts} -C {path} {mib * 1024} >/dev/null; i={path}; "
          f"mmd -i $i ::/sbin ::/vm ::/vm/deeper; mcopy -i $i {tmp}/kernel.bin ::/sbin/u_3_0_riscv64-qemu-virt.bin; "
          f"mcopy -i $i {tmp}/hello.txt ::/HELLO.TXT; mcopy -i $i {tmp}/x.dtb ::/vm/x.dtb; "
          f"mcopy -i $i {tmp}/hello.txt ::/vm/deeper/Mixed_Case_Long_Name.text")
    subprocess.run(["bash", "-c", sh], check=True, env=dict(os.environ, MTOOLS_SKIP_CHECK="1"))
    with open(path, "rb") as f:
        return f.read()
def fat_seeds():
    tmp = tempfile.mkdtemp()
    try:
        put("fat", "fat32", sparse(fat_image(tmp, "-F 32", 40)))
        put("fat", "fat32_s8", sparse(fat_image(tmp, "-F 32 -s 8", 300)))
        put("fat", "fat16", sparse(fat_image(tmp, "-F 16", 16)))
        put("fat", "fat32_4k_sectors", sparse(fat_image(tmp, "-F 32 -S 4096", 300)))
    finally:
        shutil.rmtree(tmp)

if __name__ == "__main__":
    for gen in (insn_seeds, cfi_seeds, sbi_seeds, elf_seeds, image_seeds, vm_config_seeds, fat_seeds):
        gen()
