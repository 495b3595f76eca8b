#!/usr/bin/env bash
# deps.sh: installs what Hartvisor needs to build and test, from Debian's own packages.
# Idempotent: when everything is present it checks and exits quickly.
# The riscv64 libfdt comes from Debian trixie through a private apt state under build/,
# whose sources list is built from the mirror this machine's apt already uses.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build"
fdt_dir="$build/libfdt"

# command, file, or dpkg:<package> that proves a package is installed, then the package name
host_packages=(
  "qemu-system-riscv64 qemu-system-misc"
  "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin opensbi"
  "riscv64-unknown-elf-gcc gcc-riscv64-unknown-elf"
  "/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs picolibc-riscv64-unknown-elf"
  "dtc device-tree-compiler"
  "mcopy mtools"
  "mkfs.fat dosfstools"
  "/usr/include/cmocka.h libcmocka-dev"
  "pytest-3 python3-pytest"
  "/usr/lib/python3/dist-packages/pexpect/__init__.py python3-pexpect"
  "gdb-multiarch gdb-multiarch"
  "/usr/include/libfdt.h libfdt-dev"
  "clang clang"
  # libFuzzer's runtime (libclang_rt.fuzzer) and the sanitizers' for clang 14, Debian 12's clang
  "dpkg:libclang-rt-14-dev libclang-rt-14-dev"
)

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

present() {
  case "$1" in
    /*) [ -e "$1" ] ;;
    dpkg:*) dpkg-query -W -f='${Status}' "${1#dpkg:}" 2>/dev/null | grep -q 'install ok installed' ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for entry in "${host_packages[@]}"; do
  set -- $entry
  present "$1" || missing+=("$2")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  for pkg in "${missing[@]}"; do
    if ! apt-cache show "$pkg" >/dev/null 2>&1; then
      echo "deps: error: package '$pkg' cannot be found in this machine's apt sources" >&2
      exit 1
    fi
  done
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { echo "deps: error: apt-get could not install: ${missing[*]}" >&2; exit 1; }
fi

# The picolibc specs file location differs between releases; find it once.
if ! ls /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs >/dev/null 2>&1; then
  echo "deps: error: picolibc.specs for riscv64-unknown-elf not found after install" >&2
  exit 1
fi

# --- riscv64 libfdt from Debian trixie, fetched into a private apt tree ---
if [ -f "$fdt_dir/lib/libfdt.a" ] && [ -f "$fdt_dir/include/libfdt.h" ]; then
  exit 0
fi

mirror_uri() {
  # The first Debian (non-security) URI in the machine's own apt configuration.
  local uri
  uri=$(apt-get indextargets --format '$(REPO_URI)' 2>/dev/null | grep -v security | grep -i debian | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -v '^#' | grep -v security | grep -oE '(https?|ftp)://[^ ]+' | grep -i debian | head -n1 || true)
  fi
  echo "${uri%/}"
}

uri=$(mirror_uri)
if [ -z "$uri" ]; then
  echo "deps: error: no Debian mirror found in this machine's apt configuration" >&2
  exit 1
fi

apt_dir="$build/apt-riscv64"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc/preferences.d" "$apt_dir/etc/sources.list.d" "$apt_dir/status-dir" "$fdt_dir"
: > "$apt_dir/status-dir/status"
echo "deb [arch=riscv64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$apt_dir/etc/sources.list"

apt_opts=(
  -o "Dir::Etc::SourceList=$apt_dir/etc/sources.list"
  -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$apt_dir/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
  -o "Dir::State=$apt_dir"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::State::status=$apt_dir/status-dir/status"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Architecture=riscv64"
  -o "APT::Architectures::=riscv64"
  -o "Debug::NoLocking=1"
)

echo "deps: fetching libfdt-dev (trixie, riscv64) from $uri"
apt-get "${apt_opts[@]}" update -qq \
  || { echo "deps: error: could not read the trixie riscv64 package lists from $uri" >&2; exit 1; }
( cd "$apt_dir" && rm -f libfdt*.deb && apt-get "${apt_opts[@]}" download libfdt-dev:riscv64 libfdt1:riscv64 ) \
  || { echo "deps: error: could not download libfdt-dev:riscv64" >&2; exit 1; }

extract="$apt_dir/extract"
rm -rf "$extract"; mkdir -p "$extract"
for deb in "$apt_dir"/libfdt*.deb; do dpkg-deb -x "$deb" "$extract"; done
archive=$(find "$extract" -name libfdt.a | head -n1)
header=$(find "$extract" -name libfdt.h | head -n1)
if [ -z "$archive" ] || [ -z "$header" ]; then
  echo "deps: error: libfdt.a or libfdt.h missing from the downloaded package" >&2
  exit 1
fi
mkdir -p "$fdt_dir/lib" "$fdt_dir/include"
cp "$archive" "$fdt_dir/lib/"
cp "$(dirname "$header")"/fdt.h "$(dirname "$header")"/libfdt.h "$(dirname "$header")"/libfdt_env.h "$fdt_dir/include/"
echo "deps: libfdt ready in build/libfdt"
