#!/usr/bin/env python3
"""transformers' Qwen3 decoder on the same GPU and shapes as `motor_cuda_bench model` (the
peer of docs/PERFORMANCE.md's CUDA decoder rows; run by gpu-check.sh).

  decoder_vs_transformers.py 1b|8b OURS_CSV

Random bf16 weights of InternVL3.5-1B's (Qwen3-0.6B) or -8B's (Qwen3-8B) language model,
sdpa attention, static KV cache off (transformers' default). Prefill: one forward of 512
and 2048 tokens, logits of the last position only (as ours, and as generate() does).
Decode: a 512-token prompt, then 32 greedy steps with the KV cache (the model's forward
and an argmax per step, as generate() runs them without its logits processors), batch 1
and 24, timed apart from the prompt. Prints a Markdown table beside our CSV.
"""
import csv
import statistics
import sys
import time

import torch
from transformers import Qwen3Config, Qwen3ForCausalLM

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"  # cpu: to try the script itself (shape tiny)

SHAPES = {
    "tiny": dict(hidden_size=256, num_attention_heads=4, num_key_value_heads=2, intermediate_size=512,
                 num_hidden_layers=2, tie_word_embeddings=True, vocab_size=1000),
    "1b": dict(hidden_size=1024, num_attention_heads=16, num_key_value_heads=8, intermediate_size=3072,
               num_hidden_layers=28, tie_word_embeddings=True),
    "8b": dict(hidden_size=4096, num_attention_heads=32, num_key_value_heads=8, intermediate_size=12288,
               num_hidden_layers=36, tie_word_embeddings=False),
}


def sync():
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def sync_time(fn, repeats=3):
    fn()
    sync()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(shape, ours_csv):
    cfg = Qwen3Config(**{"vocab_size": 151936, **SHAPES[shape]}, head_dim=128, max_position_embeddings=40960,
                      rope_theta=1e6, attn_implementation="sdpa")
    torch.manual_seed(0)
    with torch.device(DEVICE):
        model = Qwen3ForCausalLM(cfg).to(torch.bfloat16).eval()
    theirs = {}
    with torch.inference_mode():
        for n in (512, 2048):
            ids = torch.randint(0, cfg.vocab_size, (1, n), device=DEVICE)
            s = sync_time(lambda: model(ids, use_cache=True, logits_to_keep=1))
            theirs[("prefill", 1, n)] = n / s
        for batch in (1, 24):
            ids = torch.randint(0, cfg.vocab_size, (batch, 512), device=DEVICE)
            times = []
            for rep in range(3):  # the first is a warm-up
                out = model(ids, use_cache=True, logits_to_keep=1)
                cache, nxt = out.past_key_values, out.logits[:, -1:].argmax(-1)
                sync()
                t = time.perf_counter()
                for _ in range(32):
                    out = model(nxt, past_key_values=cache, use_cache=True)
                    nxt = out.logits[:, -1:].argmax(-1)
                sync()
                times.append(time.perf_counter() - t)
            theirs[("decode", batch)] = batch * 32 / statistics.median(times[1:])
    with open(ours_csv) as f:
        ours = list(csv.DictReader(f))
    where = torch.cuda.get_device_name() if DEVICE == "cuda" else "cpu"
    print(f"torch {torch.__version__}, {where}, shape {shape}\n")
    print("| step | batch | tokens | ours tokens/s | transformers tokens/s | ours / transformers | bound ms (ours ms) |")
    print("|---|---|---|---|---|---|---|")
    for r in ours:
        if r["kind"] == "prefill":
            t = theirs.get(("prefill", 1, int(r["tokens"])))
        else:
            t = theirs.get(("decode", int(r["batch"])))
        mine = float(r["tokens_per_s"])
        bound = f"{float(r['bound_ms']):.2f} ({float(r['ms']):.2f})" if r.get("bound_ms") else ""
        theirs_cell, ratio = (f"{t:.0f}", f"{mine / t:.2f}x") if t else ("n/a", "n/a")
        print(f"| {r['kind']} | {r['batch']} | {r['tokens']} | {mine:.0f} | {theirs_cell} | {ratio} | {bound} |")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SHAPES:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
