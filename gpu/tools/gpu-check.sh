#!/usr/bin/env bash
# The CUDA backend's whole check on a GPU machine, in one run: kernel tests against CPU
# references, the decoder, vision tower and Whisper against the CPU backend (through the
# plugin and the engine's API too), attention against PyTorch (FlashAttention's error
# rule), the benchmarks beside PyTorch's SDPA backends and transformers (the whole
# MOTOR-MAS clip included), and compute-sanitizer memcheck and racecheck. Logs, CSVs and
# summary.md go to OUT.
#
#   gpu/tools/gpu-check.sh OUT [BIN]
#
# The steps run in order of what matters most (correctness, then the issue's figures,
# then the sanitizers and the rest) within a time budget, so that one device command
# (at most 600 s) always ends with a whole summary.md; a step that no longer fits is
# listed as skipped. Environment:
#   MOTOR_GPU_CHECK_BUDGET_S   seconds for all the steps (default 540)
#   MOTOR_GPU_CHECK_ONLY       run only these steps ("whisper_model whisper ...")
#   MOTOR_GPU_CHECK_SKIP       skip these steps (e.g. the ones a first run passed)
#   MOTOR_GPU_CHECK_8B=1       add the 8B decoder bench and its transformers peer
#
# BIN: a folder holding motor_cuda_check, motor_cuda_bench, motor_cuda_model_check and libmotor_cuda.so
# built elsewhere (e.g. carried from the build machine: gpu/tools/pack-gpu-check.sh). Without it, or when those do not run
# here, gpu/ is configured and built into $MOTOR_GPU_CHECK_BUILD (default /tmp/motor-gpu-check-build; not
# under OUT, which comes back from the device; needs CMake, a compiler, nvcc).
set -u
OUT=${1:?usage: gpu-check.sh OUT [BIN]}
BIN=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
summary=$OUT/summary.md

# cuBLASLt: the toolkit's, else the one PyTorch's wheels carry (appended in this order,
# so the toolkit's comes first).
for d in /usr/local/cuda/lib64 $(python3 -c 'import nvidia, os; print(" ".join(os.path.join(p, "cublas/lib") for p in nvidia.__path__) + " " + " ".join(os.path.join(p, "cu13/lib") for p in nvidia.__path__))' 2>/dev/null); do
  [ -d "$d" ] && LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d
done
# and what pack-gpu-check.sh carried beside the tools (Debian's libbenchmark)
[ -n "$BIN" ] && [ -d "$BIN" ] && LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$(cd "$BIN" && pwd)
export LD_LIBRARY_PATH

runs() { [ -x "$1/motor_cuda_bench" ] && { "$1/motor_cuda_bench" >/dev/null 2>&1; [ $? -eq 2 ]; }; }
if [ -z "$BIN" ] || ! runs "$BIN"; then
  BIN=${MOTOR_GPU_CHECK_BUILD:-${TMPDIR:-/tmp}/motor-gpu-check-build}
  echo "building gpu/ into $BIN (no runnable BIN given)"
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
budget=${MOTOR_GPU_CHECK_BUDGET_S:-540}
only=" ${MOTOR_GPU_CHECK_ONLY:-} "
skip=" ${MOTOR_GPU_CHECK_SKIP:-} "
# wanted NAME: whether the ONLY/SKIP lists let the step run.
wanted() {
  { [ "$only" = "  " ] || [[ "$only" == *" $1 "* ]]; } && [[ "$skip" != *" $1 "* ]]
}
# attention_vs_torch compares dump's files: wanting it brings dump along.
if wanted attention_vs_torch; then
  [ "$only" = "  " ] || only+="dump "
  skip=${skip// dump / }
fi
# step NAME LIMIT_S COMMAND...: stdout to NAME.out, stderr to NAME.log; the limit is cut
# to what is left of the budget, and a step with under 20 s left is listed as skipped.
step() {
  local name=$1 limit=$2
  shift 2
  wanted "$name" || return 0
  local left=$((budget - SECONDS))
  if [ "$left" -lt 20 ]; then
    echo "| $name | skipped: out of time | | |" >> "$summary"
    echo "$name: skipped, out of time"
    return 0
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  local start=$SECONDS
  timeout -k 10 "$limit" "$@" > "$OUT/$name.out" 2> "$OUT/$name.log"
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

# 1. Correctness: the kernels, the models against the CPU backend, attention against PyTorch.
step kernels 180 "$BIN/motor_cuda_check"
step decoder 240 "$BIN/motor_cuda_model_check"
# Whisper through the plugin against the CPU backend, on a random model of whisper-base's
# shape that transformers makes here in seconds (tiny80's tokenizer; tiny80 itself, head
# dim 8, must be refused by name).
have_torch=0
python3 -c 'import torch, transformers' 2>/dev/null && have_torch=1
if [ $have_torch = 1 ]; then
  step whisper_model 180 python3 "$here/../../tests/reference/make_whisper_shape.py" base --any-version \
    --tokenizer-from "$here/../../tests/data/whisper/tiny80" "$OUT/whisper-base"
  if [ -f "$OUT/whisper-base/config.json" ]; then
    step whisper 300 "$BIN/motor_cuda_model_check" --whisper "$OUT/whisper-base" --whisper-only \
      --whisper-refused "$here/../../tests/data/whisper/tiny80"
  elif wanted whisper; then
    echo "| whisper | skipped: its model was not made (whisper_model.log) | | |" >> "$summary"
  fi
  rm -rf "$OUT/whisper-base"
  if wanted dump || wanted attention_vs_torch; then
    mkdir -p "$OUT/dump"
    step dump 120 "$BIN/motor_cuda_bench" dump "$OUT/dump"
    step attention_vs_torch 180 python3 "$here/attention_vs_torch.py" compare "$OUT/dump"
    rm -rf "$OUT/dump"
  fi
else
  echo "| whisper_model, whisper, attention_vs_torch and the PyTorch peers | skipped: python3 lacks torch/transformers | | |" >> "$summary"
fi
# 2. The issue's figures: attention beside SDPA, the whole MOTOR-MAS clip (8B shape) and
# the decoder beside transformers.
step bench_attention 180 "$BIN/motor_cuda_bench" attention
[ $have_torch = 1 ] && [ -s "$OUT/bench_attention.out" ] &&
  step bench_attention_vs_sdpa 240 python3 "$here/attention_vs_torch.py" bench "$OUT/bench_attention.out"
step bench_mas_8b 240 "$BIN/motor_cuda_bench" mas 8b 8
[ $have_torch = 1 ] && [ -s "$OUT/bench_mas_8b.out" ] &&
  step bench_mas_8b_vs_transformers 240 python3 "$here/mas_vs_transformers.py" 8b "$OUT/bench_mas_8b.out"
step bench_model_1b 180 "$BIN/motor_cuda_bench" model 1b
[ $have_torch = 1 ] && [ -s "$OUT/bench_model_1b.out" ] &&
  step bench_model_1b_vs_transformers 180 python3 "$here/decoder_vs_transformers.py" 1b "$OUT/bench_model_1b.out"
# the same decoder with Q4_K matrices read in place (a 12 GB card's way to hold the 8B)
step bench_model_1b_q4k 120 "$BIN/motor_cuda_bench" model 1b q4_k
if [ "${MOTOR_GPU_CHECK_8B:-0}" = 1 ]; then
  step bench_model_8b 300 "$BIN/motor_cuda_bench" model 8b
  [ $have_torch = 1 ] && [ -s "$OUT/bench_model_8b.out" ] &&
    step bench_model_8b_vs_transformers 300 python3 "$here/decoder_vs_transformers.py" 8b "$OUT/bench_model_8b.out"
fi
step bench_decode 120 "$BIN/motor_cuda_bench" decode
step bench_vision 180 "$BIN/motor_cuda_bench" vision
[ $have_torch = 1 ] && step bench_vision_torch 180 python3 "$here/../../tests/reference/bench_vision_tower.py" --device cuda --dtype bf16 --repeat 5
step bench_gemm 120 "$BIN/motor_cuda_bench" gemm
# 3. The sanitizers on the small cases.
if command -v compute-sanitizer >/dev/null; then
  step memcheck 180 compute-sanitizer --tool memcheck --error-exitcode 3 "$BIN/motor_cuda_check" --quick
  step racecheck 240 compute-sanitizer --tool racecheck --error-exitcode 3 "$BIN/motor_cuda_check" --quick
else
  echo "| memcheck, racecheck | skipped: no compute-sanitizer | | |" >> "$summary"
fi
# 4. The host CPU's GEMM kernel sets (issue 12): where it has AVX-512 (F/BW/DQ/VL/VNNI),
# the GEMM tests run the real AVX-512 set against the AVX2 set bit for bit, and the bench
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

{
  # section TITLE FILE [grep -E PATTERN]: a step's output, when the step ran.
  section() {
    [ -s "$2" ] || return 0
    echo; echo "## $1"; echo
    if [ -n "${3:-}" ]; then grep -E "$3" "$2"; else cat "$2"; fi
  }
  section "kernels" "$OUT/kernels.out" "^(PASS|FAIL|SKIP|ALL|FAILED|device)"
  section "decoder and vision against the CPU backend" "$OUT/decoder.out" "^(PASS|FAIL|SKIP|ALL|FAILED)"
  section "Whisper against the CPU backend" "$OUT/whisper.out" "^(PASS|FAIL|ALL|FAILED|     )"
  section "attention against PyTorch" "$OUT/attention_vs_torch.out"
  section "attention throughput" "$OUT/bench_attention_vs_sdpa.out"
  section "MOTOR-MAS per clip, 8B shape" "$OUT/bench_mas_8b.out"
  section "MOTOR-MAS per clip beside transformers" "$OUT/bench_mas_8b_vs_transformers.out"
  for s in 1b 8b; do
    section "decoder $s beside transformers" "$OUT/bench_model_${s}_vs_transformers.out"
  done
  section "decoder 1b, Q4_K matrices read in place" "$OUT/bench_model_1b_q4k.out"
  section "decode" "$OUT/bench_decode.out"
  section "vision tower, 8 frames" "$OUT/bench_vision.out"
  [ -s "$OUT/bench_vision_torch.out" ] && tail -1 "$OUT/bench_vision_torch.out"
  section "GEMM / GEMV" "$OUT/bench_gemm.out"
  if [ -s "$OUT/cpu_gemm_tests.out" ]; then
    echo; echo "## CPU GEMM kernel sets (host flags: $(cat "$OUT/cpu_flags.out"))"; echo
    grep -E "^\[  (PASSED|FAILED|SKIPPED) " "$OUT/cpu_gemm_tests.out" | sort | uniq -c | head -20
    for isa in avx2 avx512; do
      [ -s "$OUT/cpu_gemm_bench_$isa.out" ] && { echo; echo "$isa:"; grep -E "^matmul" "$OUT/cpu_gemm_bench_$isa.out"; }
    done
  fi
  [ -n "$failed" ] && { echo; echo "## failed steps (last lines)"; echo "$failed"; }
} >> "$summary" 2>/dev/null
echo "summary: $summary"
exit $status
