#!/usr/bin/env python3
"""PyTorch side of tests/bench/whisper_bench.cpp: transformers' Whisper encoder on one
30 s window of the same recording (the committed espeak-ng sentences with 1 s pauses),
F32, on the CPU, at the given thread count; best of --repeat runs. With --decode-steps N,
also greedy decoding of that window for N tokens with the KV cache (the first step
computes the cross-attention keys and values, as motor_whisper_bench's decodeWindow
does), timed as a whole.

    /work/venv-ref/bin/python tests/reference/bench_whisper.py /tmp/whisper-base-hf --threads 2
    /work/venv-ref/bin/python tests/reference/bench_whisper.py /tmp/whisper-large-v3-shape \
        --threads 2 --repeat 1 --decode-steps 32
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from transformers import WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_whisper_fixtures import OUT, read_wav  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--decode-steps", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg = WhisperConfig.from_pretrained(a.model)
    model = WhisperForConditionalGeneration.from_pretrained(a.model, config=cfg, torch_dtype=torch.float32).eval()
    en, fi = read_wav(os.path.join(OUT, "en.wav")), read_wav(os.path.join(OUT, "fi.wav"))
    pcm = np.concatenate([en, np.zeros(16000, np.float32), fi, np.zeros(16000, np.float32)] * 4)[:30 * 16000]
    feats = torch.from_numpy(WhisperFeatureExtractor(feature_size=cfg.num_mel_bins)(
        pcm, sampling_rate=16000, return_tensors="np")["input_features"])
    best = 1e9
    with torch.no_grad():
        for _ in range(a.repeat):
            t = time.time()
            encoded = model.model.encoder(feats).last_hidden_state
            best = min(best, time.time() - t)
    print(f"torch {torch.__version__}, {a.threads} threads: encoder, one 30 s window: {best:.2f} s")
    if a.decode_steps > 0:
        # <|startoftranscript|><|en|><|transcribe|> in the multilingual layout.
        prompt = torch.tensor([[cfg.decoder_start_token_id, cfg.decoder_start_token_id + 1,
                                cfg.decoder_start_token_id + 101]])
        with torch.no_grad():
            t = time.time()
            out = model(encoder_outputs=(encoded,), decoder_input_ids=prompt, use_cache=True)
            for _ in range(a.decode_steps - 1):
                nxt = out.logits[:, -1:].argmax(-1)
                out = model(encoder_outputs=(encoded,), decoder_input_ids=nxt, past_key_values=out.past_key_values,
                            use_cache=True)
            secs = time.time() - t
        print(f"greedy decoding of one window: {a.decode_steps} tokens in {secs:.2f} s, "
              f"{1000 * secs / a.decode_steps:.1f} ms per token")

if __name__ == "__main__":
    main()
