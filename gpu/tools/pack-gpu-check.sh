#!/usr/bin/env bash
# Builds the CUDA check and bench tools here and copies them into one small folder to
# carry to a GPU machine (the device runner carries ignored paths of up to 64 MiB):
#   gpu/tools/pack-gpu-check.sh [BUILD] [DEST]     (defaults: build/ci, build/gpu-check)
# then on the GPU machine: bash gpu/tools/gpu-check.sh OUT build/gpu-check
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$root/build/ci}
DEST=${2:-$root/build/gpu-check}
tools="motor_cuda_check motor_cuda_bench motor_cuda_model_check"
# the CUDA plugin the engine loads (motor_cuda_model_check's engine-API check finds it
# beside the tool)
plugin=libmotor_cuda.so
# and the CPU GEMM tests and bench, for the host's AVX-512 set (gpu-check.sh, step cpu_gemm)
cpu_tools="motor_gpu_tests motor_gemm_bench"
cmake --build "$BUILD" --target $tools $cpu_tools motor_cuda
mkdir -p "$DEST"
f=$(find "$BUILD" -name "$plugin" -type f | head -1)
[ -n "$f" ] || { echo "pack-gpu-check: $plugin not built in $BUILD (no nvcc?)" >&2; exit 1; }
cp "$f" "$DEST/"
strip --strip-debug "$DEST/$plugin" 2>/dev/null || true
for t in $tools; do
  f=$(find "$BUILD" -name "$t" -type f -perm -u+x | head -1)
  [ -n "$f" ] || { echo "pack-gpu-check: $t not built in $BUILD (no nvcc?)" >&2; exit 1; }
  cp "$f" "$DEST/"
  strip --strip-debug "$DEST/$t" 2>/dev/null || true
done
for t in $cpu_tools; do
  f=$(find "$BUILD" -name "$t" -type f -perm -u+x | head -1)
  [ -n "$f" ] || continue
  cp "$f" "$DEST/"
  strip --strip-debug "$DEST/$t" 2>/dev/null || true
  # Debian's Google Benchmark is a shared library the GPU machine's image lacks: carry it
  # (gpu-check.sh puts the folder on the library path)
  ldd "$f" | awk '/libbenchmark/ {print $3}' | while read -r lib; do cp "$lib" "$DEST/"; done
done
du -sh "$DEST"
