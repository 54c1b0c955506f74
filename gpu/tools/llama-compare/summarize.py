#!/usr/bin/env python3
# summarize.py LOG...: per (model, threads, test), each side's best run (tok/s) over the
# rounds whose process got its cores (user+sys CPU >= 0.85 x threads x wall: a side that
# shared a core with another build is dropped), the median run, and the ratio of bests.
import json, sys, re, statistics
samples, dropped, cur, pending = {}, {}, None, None
for path in sys.argv[1:]:
    for line in open(path):
        m = re.match(r'== (\S+) load (\S+) (\S+) (\S+) model (\S+) threads (\d+) test (\S+) side (\S+)', line)
        if m:
            cur = (m.group(5), int(m.group(6)), m.group(7), m.group(8)); pending = []; continue
        t = re.match(r'TIME (\S+) (\S+) (\S+)', line)
        if t and cur is not None:
            wall, cpu = float(t.group(1)), float(t.group(2)) + float(t.group(3))
            if cpu >= 0.85 * cur[1] * wall: samples.setdefault(cur, []).extend(pending)
            else: dropped[cur] = dropped.get(cur, 0) + 1
            pending = None; continue
        if not line.startswith('{') or cur is None or pending is None: continue
        d = json.loads(line)
        if 'kernel_isa' in d:
            s = d['prefill'] if d['prefill']['tokens'] else d['decode']
            pending.extend(s['samples'])
        else:
            pending.extend(d['samples_ts'])
order = ['pp128', 'pp512', 'pp2048', 'tg64']
print('| model | threads | test | ours tok/s: best (median) | llama.cpp tok/s: best (median) | ours / llama.cpp (best) | runs kept (dropped) |')
print('|---|---|---|---|---|---|---|')
keys = sorted({k[:3] for k in list(samples) + list(dropped)}, key=lambda k: (k[0], -k[1], order.index(k[2]) if k[2] in order else 9))
for k in keys:
    o, l = samples.get(k + ('ours',)), samples.get(k + ('llama',))
    if not o or not l:
        print(f'| {k[0]} | {k[1]} | {k[2]} | - | - | - | dropped {dropped.get(k + ("ours",), 0)} / {dropped.get(k + ("llama",), 0)} |'); continue
    print(f'| {k[0]} | {k[1]} | {k[2]} | {max(o):.1f} ({statistics.median(o):.1f}) | {max(l):.1f} ({statistics.median(l):.1f}) | {max(o)/max(l):.2f} | {len(o)} ({dropped.get(k + ("ours",), 0)}) / {len(l)} ({dropped.get(k + ("llama",), 0)}) |')
