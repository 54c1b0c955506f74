#!/usr/bin/env bash
# gpu-check.sh's own flow, without a GPU (ctest: GpuCheck.FlowWithStandInTools): stand-in
# tools that print what the real ones print (or fail, or hang) in a temporary BIN, then
# the checks that the device visit relies on: every step gets a row in summary.md, a
# failed step's last lines are in it, a step that hangs is stopped at the budget and the
# ones after it are listed as skipped (so one device command always ends with a whole
# summary), ONLY and SKIP pick steps, and a Python peer without torch is listed as
# skipped rather than failed.
#   gpu/tools/test-gpu-check.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/bin
mkdir -p "$bin" "$work/py"
# A python3 without torch, whatever this machine has.
# shellcheck disable=SC2016
printf '#!/bin/sh\nfor a in "$@"; do case "$a" in *"import torch"*) exit 1;; esac; done\nexit 0\n' > "$work/py/python3"
cat > "$bin/motor_cuda_bench" << 'EOF'
#!/bin/bash
[ $# -eq 0 ] && exit 2
case "$1" in
  mas) printf 'kind,shape,clips_per_batch,ms_per_clip\nmas,8b,8,150.0\n' ;;
  decode) [ -n "${HANG_DECODE:-}" ] && exec sleep 600; echo "decode,1" ;;
  *) echo "fake $*" ;;
esac
EOF
cat > "$bin/motor_cuda_check" << 'EOF'
#!/bin/bash
echo "device: stand-in"; echo "PASS a kernel"; echo "ALL PASSED: 0 failure(s)"
EOF
cat > "$bin/motor_cuda_model_check" << 'EOF'
#!/bin/bash
echo "FAIL the decoder stand-in (logits rel err 9.99e-01)"; echo "FAILED: 1 failure(s)"; exit 1
EOF
chmod +x "$bin"/* "$work/py/python3"

failures=0
expect() {  # expect FILE PATTERN WHAT
  if grep -q -E "$2" "$1"; then echo "ok: $3"; else echo "FAIL: $3 (no /$2/ in $1)"; failures=$((failures + 1)); fi
}
run() {  # run OUT [VAR=VALUE...]
  local out=$1
  shift
  env PATH="$work/py:$PATH" "$@" bash "$here/gpu-check.sh" "$out" "$bin" > "$out.log" 2>&1
}

run "$work/a" MOTOR_GPU_CHECK_BUDGET_S=120
s=$work/a/summary.md
expect "$s" '^\| kernels \| 0 \|' "a passing step has its row"
expect "$s" '^\| decoder \| 1 \|' "a failing step has its row"
expect "$s" '^### decoder \(exit 1\)' "a failing step's last lines are in the summary"
expect "$s" 'logits rel err 9.99e-01' "... with its output"
expect "$s" 'skipped: python3 lacks torch' "the Python peers are listed as skipped without torch"
expect "$s" '^\| bench_mas_8b \| 0 \|' "the MOTOR-MAS bench runs"
expect "$s" '^mas,8b,8,150.0' "its CSV is in the summary"
expect "$s" '^\| bench_gemm \| 0 \|' "the last bench runs within the budget"

start=$SECONDS
run "$work/b" MOTOR_GPU_CHECK_BUDGET_S=30 HANG_DECODE=1
took=$((SECONDS - start))
s=$work/b/summary.md
expect "$s" '^\| bench_decode \| 124 \|' "a step that hangs is stopped at the budget"
expect "$s" '^\| bench_gemm \| skipped: out of time' "the steps after it are listed as skipped"
if [ "$took" -le 55 ]; then echo "ok: the whole run ended in ${took} s (budget 30)"; else
  echo "FAIL: the run took ${took} s with a budget of 30"
  failures=$((failures + 1))
fi

run "$work/c" MOTOR_GPU_CHECK_ONLY="kernels bench_mas_8b"
s=$work/c/summary.md
expect "$s" '^\| kernels \| 0 \|' "ONLY runs the named steps"
expect "$s" '^\| bench_mas_8b \| 0 \|' "... each of them"
if grep -q -E '^\| (decoder|bench_attention|bench_gemm) \|' "$s"; then
  echo "FAIL: ONLY ran other steps"
  failures=$((failures + 1))
else
  echo "ok: ... and no other"
fi

run "$work/d" MOTOR_GPU_CHECK_SKIP="decoder bench_decode"
s=$work/d/summary.md
if grep -q -E '^\| (decoder|bench_decode) \|' "$s"; then
  echo "FAIL: SKIP ran a skipped step"
  failures=$((failures + 1))
else
  echo "ok: SKIP leaves the named steps out"
fi
expect "$s" '^\| kernels \| 0 \|' "... and runs the rest"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
