#!/bin/bash
# run_busy.sh OURS_BIN_DIR LLAMA_BENCH OUT_LOG "MODEL..." "THREADS..." "TESTS..." [ROUNDS] [REPS]
# As run_idle.sh, for a machine where other people compile and cannot be waited for:
# while it runs, every compiler, linker and model run of the others is kept at nice 19
# (re-applied every 2 s), both benchmarks run at nice -5, and the scheduler's autogroups
# are switched off (with them, nice does not act between login sessions) and restored
# at the end. Needs root. summarize.py still drops a side whose CPU time shows it did not
# get its threads. The others keep the other core's leftovers and the shared L3 and
# memory bandwidth, so these figures are below idle ones for both sides.
OURS=$1; LB=$2; OUT=$3; MODELS=$4; THREADS=$5; TESTS=$6; ROUNDS=${7:-1}; R=${8:-2}
autogroup=$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo "")
[ -n "$autogroup" ] && echo 0 > /proc/sys/kernel/sched_autogroup_enabled
( while true; do
    for p in $(pgrep -f 'cc1plus|/ld |collect2|cicc|ptxas|motor predict|motor models|motor_vision|motor-make-model|llama-server'); do
      renice -n 19 -p "$p" >/dev/null 2>&1
    done
    sleep 2
  done ) &
renicer=$!
trap 'kill $renicer; [ -n "$autogroup" ] && echo "$autogroup" > /proc/sys/kernel/sched_autogroup_enabled' EXIT
for M in $MODELS; do for T in $THREADS; do for TEST in $TESTS; do
  case $TEST in pp*) P=${TEST#pp}; G=0;; tg*) P=0; G=${TEST#tg};; esac
  for ROUND in $(seq "$ROUNDS"); do
    sleep 3
    echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) model $M threads $T test $TEST side ours" >> "$OUT"
    /usr/bin/time -o "$OUT" -a -f "TIME %e %U %S" nice -n -5 "$OURS/motor-bench-model" "$M" --prompt-tokens $P \
      --gen-tokens $G --threads $T --repeats $R --warmups 1 >> "$OUT"
    sleep 3
    echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) model $M threads $T test $TEST side llama" >> "$OUT"
    /usr/bin/time -o "$OUT" -a -f "TIME %e %U %S" nice -n -5 "$LB" -m "$M" -p $P -n $G -t $T -r $R -o jsonl \
      2>/dev/null >> "$OUT"
  done
done; done; done
echo "== $(date +%T) finished" >> "$OUT"
