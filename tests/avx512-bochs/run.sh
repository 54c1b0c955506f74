#!/usr/bin/env bash
# Runs the AVX-512 GEMM kernels as real machine code on a machine without AVX-512: the
# kernels (gpu/src/cpu/gemm_avx2.cpp, gemm_avx512.cpp) are compiled with the project's
# flags into a bare-metal multiboot program (boot.S, harness.cpp) and booted on Bochs'
# Tiger Lake CPU model, which implements AVX-512 F/BW/DQ/VL/VNNI. The harness compares
# every tile remainder with the AVX2 set bit for bit and prints the verdict on Bochs'
# port 0xE9. A manual check beside the CI's SIMDe one (tests/gpu, avx512-emulated):
# Bochs is an independent implementation of the instructions, and this is the code GCC
# emits for the hardware.
#
#   bash tests/avx512-bochs/run.sh [WORKDIR]      (needs root or sudo for apt-get once)
#
# Debian packages: bochs bochsbios vgabios bochs-x isolinux syslinux-common xorriso xvfb
# (installer/install-deps.sh installs them; ctest then runs this as
# Avx512Bochs.RealInstructionsGiveTheAvx2SetsBits). MOTOR_BOCHS_TIMEOUT: seconds for
# Bochs (default 600); CXX: the compiler (default g++).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
need=()
for p in bochs bochsbios vgabios bochs-x isolinux syslinux-common xorriso xvfb; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ] && [ "${MOTOR_BOCHS_NO_INSTALL:-0}" = 1 ]; then
  echo "avx512-bochs: skipped, missing Debian packages: ${need[*]} (installer/install-deps.sh)"
  exit 77
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# The project's flags for these files (gpu/CMakeLists.txt, Release), plus what a program
# without an OS needs: no PIC, no red zone, no unwinding tables, no stack protector, no
# thread-safe statics (there is one thread), no libc.
cxx=${CXX:-g++}
flags=(-O3 -DNDEBUG -std=c++20 -I"$root/gpu/src" -I"$root/gpu/include" -fno-pic -fno-pie -mno-red-zone
  -fno-exceptions -fno-rtti -fno-asynchronous-unwind-tables -fno-stack-protector -fno-threadsafe-statics)
"$cxx" "${flags[@]}" -c "$root/gpu/src/cpu/gemm_avx2.cpp" -o "$work/gemm_avx2.o"
"$cxx" "${flags[@]}" -c "$root/gpu/src/cpu/gemm_avx512.cpp" -o "$work/gemm_avx512.o"
# The harness's own memcpy and friends must not become calls to themselves.
"$cxx" "${flags[@]}" -fno-builtin -fno-tree-loop-distribute-patterns -c "$here/harness.cpp" -o "$work/harness.o"
"$cxx" -c "$here/boot.S" -o "$work/boot.o"
ld -nostdlib -static -z max-page-size=0x1000 -T "$here/link.ld" -o "$work/check64.elf" \
  "$work/boot.o" "$work/harness.o" "$work/gemm_avx512.o" "$work/gemm_avx2.o"
objcopy -O elf32-i386 "$work/check64.elf" "$work/check.elf"
objdump -d "$work/gemm_avx512.o" | grep -c -E "vpdpbusd|vbroadcastf32x8|zmm" > "$work/avx512-instructions.txt"

iso=$work/iso
mkdir -p "$iso/isolinux"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/{ldlinux,libcom32,mboot}.c32 "$iso/isolinux/"
cp "$work/check.elf" "$iso/check.elf"
printf 'DEFAULT check\nPROMPT 0\nTIMEOUT 0\nLABEL check\n  KERNEL mboot.c32\n  APPEND /check.elf\n' \
  > "$iso/isolinux/isolinux.cfg"
xorriso -as mkisofs -quiet -o "$work/check.iso" -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot \
  -boot-load-size 4 -boot-info-table "$iso"
cat > "$work/bochsrc" <<RC
megs: 256
cpu: model=tigerlake, count=1, ips=100000000
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path=$work/check.iso, status=inserted
boot: cdrom
port_e9_hack: enabled=1
display_library: x
log: $work/bochs.log
clock: sync=none
RC
echo c > "$work/debugger.rc"   # Debian's bochs starts in its debugger: continue
limit=${MOTOR_BOCHS_TIMEOUT:-600}
( cd "$work" && timeout "$limit" xvfb-run -a bochs -q -f "$work/bochsrc" -rc "$work/debugger.rc" > "$work/bochs.out" 2>&1 ) &
pid=$!
for _ in $(seq "$limit"); do
  sleep 1
  grep -q "AVX512-CHECK DONE" "$work/bochs.out" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || break
done
pkill -f "bochs-bin.*$work/bochsrc" 2>/dev/null || true
wait $pid 2>/dev/null || true
grep -a "AVX512-CHECK\|^FAIL" "$work/bochs.out" || { echo "no verdict: see $work/bochs.out and $work/bochs.log"; exit 1; }
grep -aq "AVX512-CHECK PASS" "$work/bochs.out"
