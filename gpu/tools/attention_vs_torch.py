#!/usr/bin/env python3
"""MOTOR's CUDA attention beside PyTorch on the same GPU (run by gpu-check.sh).

  attention_vs_torch.py compare DUMP_DIR
      For every case motor_cuda_bench dumped (q, k, v and our output, raw bf16), the
      FlashAttention test rule: our max error against an fp32 reference must be at most
      twice PyTorch's own bf16 attention's max error against the same reference.
  attention_vs_torch.py bench OURS_CSV
      torch.nn.functional.scaled_dot_product_attention with each backend it offers
      (flash, cuDNN, efficient) on the shapes of `motor_cuda_bench attention`, timed
      with CUDA events, printed beside our TFLOP/s as a Markdown table.

Needs only torch and numpy (the device machine's python3 has both).
"""
import csv
import statistics
import sys

import numpy as np
import torch
import torch.nn.functional as F


DEVICE = "cuda" if torch.cuda.is_available() else "cpu"  # cpu: to try the script itself


def load_bf16(path, shape):
    raw = np.fromfile(path, dtype=np.uint16)
    return torch.from_numpy(raw.view(np.int16)).view(torch.bfloat16).reshape(shape).to(DEVICE)


def causal_mask(lq, lk, device):
    # Bottom-right alignment, as flash-attn and our kernel: query i sees keys <= i + lk - lq.
    i = torch.arange(lq, device=device)[:, None]
    j = torch.arange(lk, device=device)[None, :]
    return j <= i + (lk - lq)


def attention(q, k, v, causal, dtype):
    # q [Lq, H, D], k/v [Lk, Hkv, D] -> [Lq, H, D]; GQA by repeating KV heads.
    group = q.shape[1] // k.shape[1]
    k = k.repeat_interleave(group, dim=1)
    v = v.repeat_interleave(group, dim=1)
    qh, kh, vh = (t.transpose(0, 1).to(dtype) for t in (q, k, v))
    mask = causal_mask(q.shape[0], k.shape[0], q.device) if causal else None
    out = F.scaled_dot_product_attention(qh[None], kh[None], vh[None], attn_mask=mask)[0]
    return out.transpose(0, 1)


def compare(dump):
    failures = 0
    with open(f"{dump}/cases.tsv") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    print("| case | head dim | causal | q/kv heads | seqlens (q, k) | ours max err | PyTorch bf16 max err | ratio | rule |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        hd, causal = int(r["head_dim"]), r["causal"] == "1"
        hq, hkv = int(r["q_heads"]), int(r["kv_heads"])
        lq = [int(x) for x in r["seqlens_q"].split(",")]
        lk = [int(x) for x in r["seqlens_k"].split(",")]
        base = f"{dump}/{r['file']}"
        q = load_bf16(base + ".q", (sum(lq), hq, hd))
        k = load_bf16(base + ".k", (sum(lk), hkv, hd))
        v = load_bf16(base + ".v", (sum(lk), hkv, hd))
        ours = load_bf16(base + ".o", (sum(lq), hq, hd)).float()
        err_ours = err_pt = 0.0
        aq = ak = 0
        for a, b in zip(lq, lk):
            qs, ks, vs = q[aq:aq + a], k[ak:ak + b], v[ak:ak + b]
            ref = attention(qs, ks, vs, causal, torch.float32)
            pt = attention(qs, ks, vs, causal, torch.bfloat16).float()
            err_ours = max(err_ours, (ours[aq:aq + a] - ref).abs().max().item())
            err_pt = max(err_pt, (pt - ref).abs().max().item())
            aq += a
            ak += b
        ok = err_ours <= 2 * err_pt + 1e-6
        failures += not ok
        seq = f"({lq[0]}, {lk[0]})" + (f" x {len(lq)}" if len(lq) > 1 else "")
        print(f"| {r['file']} | {hd} | {int(causal)} | {hq}/{hkv} | {seq} | {err_ours:.2e} | {err_pt:.2e} | "
              f"{err_ours / max(err_pt, 1e-12):.2f} | {'PASS' if ok else 'FAIL'} |")
    print(f"\n{len(rows) - failures} of {len(rows)} cases within twice PyTorch's bf16 error")
    return 1 if failures else 0


def time_ms(fn, warmup=3, repeats=10):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        torch.cuda.synchronize()
        times.append(a.elapsed_time(b))
    return statistics.median(times)


def bench(ours_csv):
    from torch.nn.attention import SDPBackend, sdpa_kernel
    backends = {"flash": SDPBackend.FLASH_ATTENTION, "cudnn": SDPBackend.CUDNN_ATTENTION,
                "efficient": SDPBackend.EFFICIENT_ATTENTION}
    with open(ours_csv) as f:
        ours = [r for r in csv.DictReader(f) if r["kind"] == "attention"]
    print(f"torch {torch.__version__}, {torch.cuda.get_device_name()}\n")
    print("| head dim | causal | seqlen | ours TFLOP/s | flash | cuDNN | efficient | ours / flash | ours / best |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in ours:
        hd, causal, L = int(r["head_dim"]), r["causal"] == "1", int(r["seqlen"])
        b, h = int(r["batch"]), int(r["heads"])
        q, k, v = (torch.randn(b, h, L, hd, device="cuda", dtype=torch.bfloat16) for _ in range(3))
        flops = 4 * b * h * L * L * hd / (2 if causal else 1)
        got = {}
        for name, be in backends.items():
            try:
                with sdpa_kernel([be]):
                    ms = time_ms(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal))
                got[name] = flops / ms / 1e9
            except RuntimeError:
                got[name] = None
        mine = float(r["tflops"])
        best = max([x for x in got.values() if x] or [float("nan")])
        cell = lambda x: f"{x:.0f}" if x else "n/a"
        flash = got.get("flash")
        print(f"| {hd} | {int(causal)} | {L} | {mine:.0f} | {cell(got['flash'])} | {cell(got['cudnn'])} | "
              f"{cell(got['efficient'])} | {mine / flash if flash else float('nan'):.2f}x | {mine / best:.2f}x |")
        del q, k, v
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("compare", "bench"):
        print(__doc__)
        sys.exit(2)
    sys.exit(compare(sys.argv[2]) if sys.argv[1] == "compare" else bench(sys.argv[2]))
