#!/usr/bin/env python3
"""transformers doing the MOTOR-MAS work of `motor_cuda_bench mas` on the same GPU (the peer
of docs/PERFORMANCE.md's whole-clip row; run by gpu-check.sh).

  mas_vs_transformers.py 1b|8b|tiny OURS_CSV [--clips N]

The plain way to do it with transformers, clip after clip, agent after agent, with the
same token counts as the engine's bench: InternVLVisionModel at InternViT-300M size on 8
frames; the decoder (Qwen3ForCausalLM, random bf16 weights of InternVL3.5-1B's or -8B's
language model, sdpa attention) over a context of 100 template tokens, 8 x 256 image rows
(inputs_embeds) and 300 transcript tokens; then per agent a copy of the context's KV
cache, an instruction of 220 tokens, two one-token steps for the label probabilities on
a copy of that, and a reply of 25 greedy tokens with the cache. Times N clips (default
2; the first is a warm-up) and prints a Markdown table beside our CSV, with both sides'
projection to 1,440 clips.
"""
import argparse
import copy
import csv
import time

import torch
from transformers import InternVLVisionConfig, InternVLVisionModel, Qwen3Config, Qwen3ForCausalLM

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"  # cpu: to try the script itself (shape tiny)

FRAMES, IMAGE_ROWS, TEMPLATE, TRANSCRIPT, INSTRUCTION, LABEL_STEPS, REPLY, AGENTS = 8, 8 * 256, 100, 300, 220, 2, 25, 3

SHAPES = {
    "tiny": dict(hidden_size=256, num_attention_heads=4, num_key_value_heads=2, intermediate_size=512,
                 num_hidden_layers=2, tie_word_embeddings=True, vocab_size=1000),
    "1b": dict(hidden_size=1024, num_attention_heads=16, num_key_value_heads=8, intermediate_size=3072,
               num_hidden_layers=28, tie_word_embeddings=True, vocab_size=151936),
    "8b": dict(hidden_size=4096, num_attention_heads=32, num_key_value_heads=8, intermediate_size=12288,
               num_hidden_layers=36, tie_word_embeddings=False, vocab_size=151936),
}


def sync():
    if DEVICE == "cuda":
        torch.cuda.synchronize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shape", choices=sorted(SHAPES))
    ap.add_argument("ours_csv")
    ap.add_argument("--clips", type=int, default=2)
    args = ap.parse_args()
    dtype = torch.bfloat16 if DEVICE == "cuda" else torch.float32
    tiny = args.shape == "tiny"
    torch.manual_seed(0)
    vcfg = InternVLVisionConfig(hidden_size=1024 if not tiny else 64, intermediate_size=4096 if not tiny else 128,
                                num_hidden_layers=24 if not tiny else 1, num_attention_heads=16 if not tiny else 2,
                                image_size=[448, 448], patch_size=[14, 14], norm_type="layer_norm", use_qk_norm=False,
                                attention_bias=True, layer_scale_init_value=0.1, use_mean_pooling=True)
    vcfg._attn_implementation = "sdpa"
    cfg = Qwen3Config(**SHAPES[args.shape], head_dim=128 if not tiny else 64, max_position_embeddings=40960,
                      rope_theta=1e6, attn_implementation="sdpa")
    with torch.device(DEVICE):
        vision = InternVLVisionModel(vcfg).to(dtype).eval()
        model = Qwen3ForCausalLM(cfg).to(dtype).eval()
    frames = FRAMES if not tiny else 1
    pixels = torch.randn(frames, 3, 448, 448, device=DEVICE, dtype=dtype)
    rows = IMAGE_ROWS if not tiny else 16
    image = torch.randn(1, rows, cfg.hidden_size, device=DEVICE, dtype=dtype) * 0.02
    embed = model.get_input_embeddings()

    def tokens(n):
        return torch.randint(0, cfg.vocab_size, (1, n), device=DEVICE)

    def clip():
        parts = {}
        t = time.perf_counter()
        vision(pixel_values=pixels)
        sync()
        parts["vision"] = time.perf_counter() - t
        t = time.perf_counter()
        ctx = torch.cat([embed(tokens(TEMPLATE)), image, embed(tokens(TRANSCRIPT))], dim=1)
        out = model(inputs_embeds=ctx, use_cache=True, logits_to_keep=1)
        cache = out.past_key_values
        sync()
        parts["context"] = time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(AGENTS):
            agent = copy.deepcopy(cache)
            out = model(tokens(INSTRUCTION), past_key_values=agent, use_cache=True, logits_to_keep=1)
            label = copy.deepcopy(agent)
            for _ in range(LABEL_STEPS):
                model(tokens(1), past_key_values=label, use_cache=True)
            nxt = out.logits[:, -1:].argmax(-1)
            for _ in range(REPLY):
                out = model(nxt, past_key_values=agent, use_cache=True)
                nxt = out.logits[:, -1:].argmax(-1)
        sync()
        parts["agents"] = time.perf_counter() - t
        return parts

    runs = []
    with torch.inference_mode():
        for _ in range(max(2, args.clips)):
            runs.append(clip())
    measured = runs[1:]  # the first is a warm-up
    theirs = {k: sum(r[k] for r in measured) / len(measured) * 1e3 for k in ("vision", "context", "agents")}
    theirs_ms = sum(theirs.values())
    with open(args.ours_csv) as f:
        ours = [r for r in csv.DictReader(f) if r.get("kind") == "mas"]
    where = torch.cuda.get_device_name() if DEVICE == "cuda" else "cpu"
    print(f"torch {torch.__version__}, {where}, shape {args.shape}; transformers: {len(measured)} clip(s) timed, "
          f"one after the other\n")
    print("| per clip | ours (batch of N clips) | transformers (one clip at a time) | ours / transformers speed |")
    print("|---|---|---|---|")
    for r in ours:
        n = r["clips_per_batch"]
        for key, col in (("vision", "vision_ms_per_clip"), ("context", "context_ms_per_clip"),
                         ("agents", "agents_ms_per_clip")):
            mine = float(r[col])
            print(f"| {key} (N = {n}) | {mine:.1f} ms | {theirs[key]:.1f} ms | {theirs[key] / mine:.1f}x |")
        mine = float(r["ms_per_clip"])
        print(f"| whole clip (N = {n}) | {mine:.1f} ms | {theirs_ms:.1f} ms | {theirs_ms / mine:.1f}x |")
        print(f"| 1,440 clips (N = {n}) | {mine * 1.44:.0f} s ({mine * 1.44 / 60:.1f} min) | "
              f"{theirs_ms * 1.44:.0f} s ({theirs_ms * 1.44 / 60:.1f} min) | |")
    if not ours:
        print(f"| whole clip | (no `mas` row in {args.ours_csv}) | {theirs_ms:.1f} ms | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
