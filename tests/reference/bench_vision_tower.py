#!/usr/bin/env python3
"""PyTorch's side of the vision tower benchmark (docs/PERFORMANCE.md, "Vision tower
(CPU)"): transformers' InternVLVisionModel at InternViT-300M size (hidden 1024, 24
layers, 16 heads, MLP 4096, 448x448, 1,025 tokens per frame), random float32 weights,
8 frames in one forward, torch.set_num_threads(N). The engine's side is
motor_vision_bench (tests/bench/vision_bench.cpp) with the same shape.

    /work/venv-ref/bin/python tests/reference/bench_vision_tower.py --threads 1
    python3 tests/reference/bench_vision_tower.py --device cuda --dtype bf16 --repeat 5   # beside motor_cuda_bench vision
"""
import argparse
import time

import torch
from transformers import InternVLVisionConfig, InternVLVisionModel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--frames", type=int, default=8)
    ap.add_argument("--layers", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--attn", default="sdpa", help="eager or sdpa")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--dtype", default="f32", help="f32 or bf16")
    args = ap.parse_args()
    dtype = torch.bfloat16 if args.dtype == "bf16" else torch.float32
    sync = torch.cuda.synchronize if args.device == "cuda" else (lambda: None)
    torch.set_num_threads(args.threads)
    cfg = InternVLVisionConfig(hidden_size=1024, intermediate_size=4096, num_hidden_layers=args.layers,
                               num_attention_heads=16, image_size=[448, 448], patch_size=[14, 14],
                               norm_type="layer_norm", use_qk_norm=False, attention_bias=True,
                               layer_scale_init_value=0.1, use_mean_pooling=True)
    cfg._attn_implementation = args.attn
    model = InternVLVisionModel(cfg).eval().to(device=args.device, dtype=dtype)
    pixels = torch.randn(args.frames, 3, 448, 448, device=args.device, dtype=dtype)
    best = 1e30
    with torch.inference_mode():
        for r in range(args.repeat):
            sync()
            t0 = time.perf_counter()
            model(pixel_values=pixels)
            sync()
            s = time.perf_counter() - t0
            best = min(best, s)
            print(f"run {r + 1}: {s:.2f} s")
    where = f"{args.device} {args.dtype}" + (f", {args.threads} threads" if args.device == "cpu" else "")
    print(f"torch {torch.__version__} vision tower ({args.attn}): {args.layers} layers, {args.frames} frames, "
          f"{where}: best {best:.3f} s, {args.frames / best:.3f} frames/s")


if __name__ == "__main__":
    main()
