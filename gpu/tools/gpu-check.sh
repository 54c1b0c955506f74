#!/usr/bin/env bash
# The CUDA backend's whole check on a GPU machine, in one run (well under 10 minutes
# on an H200): kernel tests against CPU references, compute-sanitizer memcheck and
# racecheck on them, the decoder, vision tower and Whisper against the CPU backend
# (through the plugin and the engine's API too), attention against PyTorch
# (FlashAttention's error rule), and the benchmarks beside PyTorch's SDPA backends. Logs, CSVs and summary.md go to OUT.
#
#   gpu/tools/gpu-check.sh OUT [BIN]        (MOTOR_GPU_CHECK_8B=1 adds the 8B decoder bench)
#
# BIN: a folder holding motor_cuda_check, motor_cuda_bench, motor_cuda_model_check and libmotor_cuda.so
# built elsewhere (e.g. carried from the build machine: gpu/tools/pack-gpu-check.sh). Without it, or when those do not run
# here, gpu/ is configured and built into OUT/build (needs CMake, a compiler, nvcc).
set -u
OUT=${1:?usage: gpu-check.sh OUT [BIN]}
BIN=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
summary=$OUT/summary.md

# cuBLASLt: the toolkit's, else the one PyTorch's wheels carry.
for d in /usr/local/cuda/lib64 $(python3 -c 'import nvidia, os; print(" ".join(os.path.join(p, "cublas/lib") for p in nvidia.__path__) + " " + " ".join(os.path.join(p, "cu13/lib") for p in nvidia.__path__))' 2>/dev/null); do
  [ -d "$d" ] && LD_LIBRARY_PATH=$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
done
export LD_LIBRARY_PATH

runs() { [ -x "$1/motor_cuda_bench" ] && { "$1/motor_cuda_bench" >/dev/null 2>&1; [ $? -eq 2 ]; }; }
if [ -z "$BIN" ] || ! runs "$BIN"; then
  echo "building gpu/ into $OUT/build (no runnable BIN given)"
  BIN=$OUT/build
  { cmake -S "$here/.." -B "$BIN" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMOTOR_BUILD_TESTS=OFF \
      -DMOTOR_BUILD_BENCHMARKS=OFF -DCMAKE_CUDA_ARCHITECTURES=90a-real &&
    cmake --build "$BIN" --target motor_cuda_check motor_cuda_bench motor_cuda_model_check; } > "$OUT/build.log" 2>&1 ||
    { echo "build failed: see $OUT/build.log"; tail -20 "$OUT/build.log"; exit 1; }
fi

{
  echo "# gpu-check $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv,noheader 2>/dev/null
  echo
  echo "| step | exit | seconds | log |"
  echo "|---|---|---|---|"
} > "$summary"

status=0
# step NAME LIMIT_S COMMAND...: stdout to NAME.out, stderr to NAME.log.
step() {
  local name=$1 limit=$2
  shift 2
  local start=$SECONDS
  timeout "$limit" "$@" > "$OUT/$name.out" 2> "$OUT/$name.log"
  local rc=$?
  echo "| $name | $rc | $((SECONDS - start)) | $name.out |" >> "$summary"
  echo "$name: exit $rc ($((SECONDS - start)) s)"
  if [ $rc -ne 0 ]; then
    status=1
    failed+="
### $name (exit $rc)
\`\`\`
$(tail -n 15 "$OUT/$name.out" 2>/dev/null)
$(tail -n 15 "$OUT/$name.log" 2>/dev/null)
\`\`\`
"
  fi
}
failed=""

step kernels 180 "$BIN/motor_cuda_check"
if command -v compute-sanitizer >/dev/null; then
  step memcheck 180 compute-sanitizer --tool memcheck --error-exitcode 3 "$BIN/motor_cuda_check" --quick
  step racecheck 240 compute-sanitizer --tool racecheck --error-exitcode 3 "$BIN/motor_cuda_check" --quick
else
  echo "| memcheck, racecheck | skipped: no compute-sanitizer | | |" >> "$summary"
fi
step decoder 240 "$BIN/motor_cuda_model_check"
# Whisper through the plugin against the CPU backend, on a random model of whisper-base's
# shape that transformers makes here in seconds (tiny80's tokenizer; tiny80 itself, head
# dim 8, must be refused by name).
if python3 -c 'import torch, transformers' 2>/dev/null; then
  step whisper_model 180 python3 "$here/../../tests/reference/make_whisper_shape.py" base --any-version \
    --tokenizer-from "$here/../../tests/data/whisper/tiny80" "$OUT/whisper-base"
  step whisper 300 "$BIN/motor_cuda_model_check" --whisper "$OUT/whisper-base" --whisper-only \
    --whisper-refused "$here/../../tests/data/whisper/tiny80"
  rm -rf "$OUT/whisper-base"
fi
mkdir -p "$OUT/dump"
step dump 120 "$BIN/motor_cuda_bench" dump "$OUT/dump"
step attention_vs_torch 180 python3 "$here/attention_vs_torch.py" compare "$OUT/dump"
rm -rf "$OUT/dump"
step bench_attention 180 "$BIN/motor_cuda_bench" attention
step bench_attention_vs_sdpa 240 python3 "$here/attention_vs_torch.py" bench "$OUT/bench_attention.out"
step bench_decode 120 "$BIN/motor_cuda_bench" decode
step bench_gemm 120 "$BIN/motor_cuda_bench" gemm
step bench_vision 180 "$BIN/motor_cuda_bench" vision
step bench_vision_torch 180 python3 "$here/../../tests/reference/bench_vision_tower.py" --device cuda --dtype bf16 --repeat 5
step bench_model_1b 180 "$BIN/motor_cuda_bench" model 1b
step bench_model_1b_vs_transformers 180 python3 "$here/decoder_vs_transformers.py" 1b "$OUT/bench_model_1b.out"
# The host CPU's GEMM kernel sets (issue 12): where it has AVX-512 (F/BW/DQ/VL/VNNI), the
# GEMM tests run the real AVX-512 set against the AVX2 set bit for bit, and the bench
# times both on one thread.
if [ -x "$BIN/motor_gpu_tests" ] && [ -x "$BIN/motor_gemm_bench" ]; then
  grep -o -w -E 'avx512(f|bw|dq|vl|_vnni)' /proc/cpuinfo | sort -u | tr '\n' ' ' > "$OUT/cpu_flags.out"
  step cpu_gemm_tests 300 "$BIN/motor_gpu_tests" --gtest_filter='*Gemm*:*Quantize*'
  for isa in avx2 avx512; do
    step cpu_gemm_bench_$isa 180 env MOTOR_CPU_ISA=$isa MOTOR_CPU_THREADS=1 "$BIN/motor_gemm_bench" \
      --benchmark_filter='matmulBench/(F32|Q8_0)/(768/768|2048/768)/128|matmulBatchBench/F32Tower/1024/1024' \
      --benchmark_min_time=0.3
  done
fi
if [ "${MOTOR_GPU_CHECK_8B:-0}" = 1 ]; then  # the 8B shape: a few more minutes
  step bench_model_8b 300 "$BIN/motor_cuda_bench" model 8b
  step bench_model_8b_vs_transformers 300 python3 "$here/decoder_vs_transformers.py" 8b "$OUT/bench_model_8b.out"
fi

{
  echo
  echo "## kernels"; echo; grep -E "^(PASS|FAIL|SKIP|ALL|FAILED|device)" "$OUT/kernels.out"
  echo; echo "## attention against PyTorch"; echo; cat "$OUT/attention_vs_torch.out"
  echo; echo "## attention throughput"; echo; cat "$OUT/bench_attention_vs_sdpa.out"
  echo; echo "## decode"; echo; cat "$OUT/bench_decode.out"
  echo; echo "## GEMM / GEMV"; echo; cat "$OUT/bench_gemm.out"
  echo; echo "## decoder and vision against the CPU backend"; echo; grep -E "^(PASS|FAIL|SKIP|ALL|FAILED)" "$OUT/decoder.out"
  [ -f "$OUT/whisper.out" ] &&
    { echo; echo "## Whisper against the CPU backend"; echo; grep -E "^(PASS|FAIL|ALL|FAILED|     )" "$OUT/whisper.out"; }
  echo; echo "## vision tower, 8 frames"; echo; cat "$OUT/bench_vision.out"; tail -1 "$OUT/bench_vision_torch.out"
  if [ -f "$OUT/cpu_gemm_tests.out" ]; then
    echo; echo "## CPU GEMM kernel sets (host flags: $(cat "$OUT/cpu_flags.out"))"; echo
    grep -E "^\[  (PASSED|FAILED|SKIPPED) " "$OUT/cpu_gemm_tests.out" | sort | uniq -c | head -20
    for isa in avx2 avx512; do echo; echo "$isa:"; grep -E "^matmul" "$OUT/cpu_gemm_bench_$isa.out"; done
  fi
  for s in 1b 8b; do
    [ -f "$OUT/bench_model_${s}_vs_transformers.out" ] &&
      { echo; echo "## decoder $s beside transformers"; echo; cat "$OUT/bench_model_${s}_vs_transformers.out"; }
  done
  [ -n "$failed" ] && { echo; echo "## failed steps (last lines)"; echo "$failed"; }
} >> "$summary" 2>/dev/null
echo "summary: $summary"
exit $status
