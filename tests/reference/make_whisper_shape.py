#!/usr/bin/env python3
"""A random-weight Whisper model of a real model's shape, for speed figures only
(docs/PERFORMANCE.md "Speech recognition (CPU)"): there are no real large Whisper
weights on this machine, and the cost of the encoder and of a decoding step depends on
the geometry, not on the values.

    /work/venv-ref/bin/python tests/reference/make_whisper_shape.py large-v3 \
        --tokenizer-from /tmp/whisper-base-hf /tmp/whisper-large-v3-shape   # ~3 min, 3.1 GB

Writes an HF folder (F16 safetensors, as the published checkpoints; config.json,
tokenizer.json) that motor_whisper_bench and tests/reference/bench_whisper.py both load.
The tokenizer and the vocabulary size come from a real multilingual Whisper folder
(whisper-base's: 51,865 tokens; large-v3 has one more, <|yue|>, a single row of the
embedding). The weights are transformers' own initialisation (normal, std 0.02)
from a fixed seed.
"""
import argparse
import json
import os
import shutil

import torch

import transformers
from transformers import WhisperConfig, WhisperForConditionalGeneration

PINNED = {"torch": "2.8.0", "transformers": "4.57.1"}  # tests/reference/requirements.txt


def check_versions():
    for mod, want in ((torch, PINNED["torch"]), (transformers, PINNED["transformers"])):
        if not mod.__version__.startswith(want):
            raise SystemExit(f"{mod.__name__} {mod.__version__}: these figures were made with {want} "
                             "(--any-version for a model that only needs the shape, as gpu-check.sh's)")

# openai/whisper's published geometries (model card / config.json of each checkpoint).
SHAPES = {
    "base": dict(d_model=512, layers=6, heads=8, ffn=2048, mels=80),
    "small": dict(d_model=768, layers=12, heads=12, ffn=3072, mels=80),
    "medium": dict(d_model=1024, layers=24, heads=16, ffn=4096, mels=80),
    "large-v3": dict(d_model=1280, layers=32, heads=20, ffn=5120, mels=128),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shape", choices=sorted(SHAPES))
    ap.add_argument("out")
    ap.add_argument("--tokenizer-from", required=True, help="a Whisper HF folder (tokenizer.json, config.json)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--any-version", action="store_true",
                    help="accept other torch/transformers versions (the GPU check's CUDA-vs-CPU comparison)")
    a = ap.parse_args()
    if not a.any_version:
        check_versions()
    # The folder's own vocabulary size: its tokenizer.json need not list the timestamp
    # tokens (whisper-base's stops at 50363; the model's rows go on to 51864).
    with open(os.path.join(a.tokenizer_from, "config.json"), encoding="utf-8") as f:
        src = json.load(f)
    vocab = src["vocab_size"]
    # Special ids as that folder has them (a real multilingual model's by default).
    special = {k: src.get(k, d) for k, d in (("decoder_start_token_id", 50258), ("pad_token_id", 50257),
                                              ("bos_token_id", 50257), ("eos_token_id", 50257))}
    s = SHAPES[a.shape]
    cfg = WhisperConfig(vocab_size=vocab, num_mel_bins=s["mels"], d_model=s["d_model"], encoder_layers=s["layers"],
                        decoder_layers=s["layers"], encoder_attention_heads=s["heads"],
                        decoder_attention_heads=s["heads"], encoder_ffn_dim=s["ffn"], decoder_ffn_dim=s["ffn"],
                        max_source_positions=1500, max_target_positions=448, **special)
    torch.manual_seed(a.seed)
    model = WhisperForConditionalGeneration(cfg).eval().to(torch.float16)
    os.makedirs(a.out, exist_ok=True)
    model.save_pretrained(a.out, safe_serialization=True, max_shard_size="100GB")
    shutil.copy(os.path.join(a.tokenizer_from, "tokenizer.json"), os.path.join(a.out, "tokenizer.json"))
    params = sum(p.numel() for p in model.parameters())
    print(f"{a.shape}: {params / 1e6:.0f}M parameters, vocabulary {vocab}, {s['mels']} mel bins -> {a.out}")


if __name__ == "__main__":
    main()
