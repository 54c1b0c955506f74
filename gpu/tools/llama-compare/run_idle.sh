#!/bin/bash
# run_idle.sh OURS_BIN_DIR LLAMA_BENCH OUT_LOG "MODEL..." "THREADS..." "TESTS..." [ROUNDS] [REPS]
# For each (model, threads, test): ROUNDS rounds of ours then llama-bench (REPS timed
# runs each, after a warm-up), each side started only when the machine has been >= 95%
# idle for 10 s (other engineers compile here), and timed by /usr/bin/time so that
# summarize.py can drop sides whose CPU time shows they shared a core.
OURS=$1; LB=$2; OUT=$3; MODELS=$4; THREADS=$5; TESTS=$6; ROUNDS=${7:-3}; R=${8:-2}
idle_pct() {
  read -r _ u n s i w x y z _ < /proc/stat; t1=$((u+n+s+i+w+x+y+z)); i1=$((i+w))
  sleep $1
  read -r _ u n s i w x y z _ < /proc/stat; t2=$((u+n+s+i+w+x+y+z)); i2=$((i+w))
  echo $(( 100 * (i2 - i1) / (t2 - t1) ))
}
wait_idle() { while [ "$(idle_pct 10)" -lt 95 ]; do sleep 10; done; }
for M in $MODELS; do for T in $THREADS; do for TEST in $TESTS; do
  case $TEST in pp*) P=${TEST#pp}; G=0;; tg*) P=0; G=${TEST#tg};; esac
  for ROUND in $(seq $ROUNDS); do
    wait_idle
    echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) model $M threads $T test $TEST side ours" >> $OUT
    /usr/bin/time -o $OUT -a -f "TIME %e %U %S" $OURS/motor-bench-model $M --prompt-tokens $P --gen-tokens $G --threads $T --repeats $R --warmups 1 >> $OUT
    wait_idle
    echo "== $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) model $M threads $T test $TEST side llama" >> $OUT
    /usr/bin/time -o $OUT -a -f "TIME %e %U %S" $LB -m $M -p $P -n $G -t $T -r $R -o jsonl 2>/dev/null >> $OUT
  done
done; done; done
echo "== $(date +%T) finished" >> $OUT
