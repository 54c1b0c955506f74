#!/usr/bin/env python3
"""Reference fixtures for the engine's InternVL support (tests/gpu/internvl_*_tests.cpp).

Builds a tiny random-weight InternVL with the real geometry (448x448 tiles, 14x14
patches: 1,025 vision tokens and 256 projected rows per frame) but tiny widths, saves
it in both folder layouts, runs transformers' InternVLForConditionalGeneration on it in
float32 and writes what the C++ tests compare against. Everything lands in
tests/data/internvl/ (a few MB); the C++ tests read it without Python.

    python3 -m venv /work/venv-ref
    /work/venv-ref/bin/pip install -r tests/reference/requirements.txt
    /work/venv-ref/bin/python tests/reference/make_internvl_fixtures.py

Outputs (all little-endian; .f32 = raw float32, .u8 = raw bytes, .ppm = binary P6):
  frame0.ppm, frame1.ppm (640x360), big.ppm (1280x720), small.ppm (160x120): inputs
  resize_*.u8: Pillow's Image.resize(size) (BICUBIC) of the inputs (small cases; the
              others by FNV-1a 64 checksum in the manifest)
  tile0.u8, tile1.u8: the 448x448 tiles of the two frames, InternVL's load_video way
  native/: transformers-native folder (save_pretrained, bf16 weights)
  original/: the same weights in OpenGVLab's layout (InternVLChatModel config,
             vision_model.* / mlp1.* / language_model.*), two shards + index
  vit6b/: a transformers-native folder with an InternViT-6B-style tower (RMSNorm,
          qk norm, no qkv bias), checked only up to the projector
  tower.f32, projected.f32, logits.f32, vit6b_projected.f32: reference outputs
  manifest.json: shapes, ids, greedy continuation, chat-template ids, checksums
"""
import argparse
import copy
import json
import os
import shutil
import struct
import tempfile

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

import transformers
from transformers import (InternVLConfig, InternVLForConditionalGeneration, InternVLProcessor,
                          PreTrainedTokenizerFast)
from transformers.models.internvl.video_processing_internvl import InternVLVideoProcessor
from transformers.models.got_ocr2.image_processing_got_ocr2 import GotOcr2ImageProcessor

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                 r"|\s*[\r\n]+|\s+(?!\S)|\s+")
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<img>", "</img>", "<IMG_CONTEXT>", "<video>"]
CHAT_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'}}"
    "{% if message['content'] is string %}{{ message['content'] }}{% else %}"
    "{% for content in message['content'] %}{% if content['type'] == 'image' %}{{ '<IMG_CONTEXT>\\n' }}"
    "{% elif content['type'] == 'video' %}{{ '<video>\\n' }}{% elif content['type'] == 'text' %}"
    "{{ content['text'] }}{% endif %}{% endfor %}{% endif %}{{'<|im_end|>\\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{'<|im_start|>assistant\\n' }}{% endif %}")
TRAIN_TEXT = [
    "The teacher asks the students to plan their work before they start the task.",
    "Students monitor their progress and adjust their strategy when something fails.",
    "Oppilaat suunnittelevat tehtävän ja arvioivat omaa oppimistaan ryhmässä.",
    "What happens in the video? The group discusses the goal and checks the answer.",
    "Frame1: Frame2: Frame3: label planning monitoring evaluation regulation none",
] * 20


def fnv1a64(data: bytes) -> str:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def make_image(w, h, seed, noise=True):
    """Banded gradients, stripes, hard-edged boxes and (optionally) a small noisy
    patch: edges where bicubic overshoot, rounding and clipping all matter, yet
    content that compresses well in git."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), dtype=np.int64)
    img[..., 0] = (x * 16 // w) * 17
    img[..., 1] = np.where(((x // (5 + seed)) + (y // 9)) % 3 == 0, 250, 30)
    img[..., 2] = 255 - (y * 8 // h) * 32
    for _ in range(6):
        x0, y0 = rng.integers(0, w - w // 5), rng.integers(0, h - h // 5)
        img[y0:y0 + h // 6, x0:x0 + w // 6] = rng.integers(0, 256, 3)
    if noise:
        ph, pw = h // 10, w // 10
        img[:ph, -pw:] = rng.integers(0, 256, (ph, pw, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


def write_ppm(path, a):
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (a.shape[1], a.shape[0]))
        f.write(a.tobytes())


def internvl_tile(rgb: np.ndarray, size=448):
    """InternVL's load_video per frame: dynamic_preprocess(max_num=1) is one
    Image.resize((size, size)) (Pillow's default resample for RGB: BICUBIC), the
    thumbnail is not added for a single tile, and build_transform's T.Resize to the
    same size leaves it unchanged; then ToTensor and ImageNet Normalize."""
    tile = Image.fromarray(rgb).convert("RGB").resize((size, size))
    u8 = np.asarray(tile, dtype=np.uint8)
    x = torch.from_numpy(u8.copy()).permute(2, 0, 1).float().div(255)
    mean = torch.tensor(IMAGENET_MEAN).view(3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(3, 1, 1)
    return u8, (x - mean) / std


def make_tokenizer(folder):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=330, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=[], show_progress=False)
    tok.train_from_iterator(TRAIN_TEXT, trainer)
    tok.add_special_tokens(SPECIALS)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>",
        extra_special_tokens={"start_image_token": "<img>", "end_image_token": "</img>",
                              "context_image_token": "<IMG_CONTEXT>", "video_token": "<video>"})
    fast.chat_template = CHAT_TEMPLATE
    return fast


def randomise(model, seed):
    """Non-trivial values everywhere (norm weights and biases, layer scales, class
    token, position embeddings), sized so that activations stay O(1) in the tower and
    the language model's logits stay small."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "language_model" in name or name.startswith("lm_head"):
                if p.ndim == 1:
                    p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
                else:
                    p.copy_(0.02 * torch.randn(p.shape, generator=g))
            elif p.ndim == 1 and ("layernorm" in name or "layer_norm" in name or "norm" in name) and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g))
            elif "lambda_" in name:
                p.copy_(0.5 + 0.2 * torch.randn(p.shape, generator=g))
            elif p.ndim == 1:
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            elif "position_embeddings" in name or "cls_token" in name:
                p.copy_(0.5 * torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=g) / np.sqrt(fan_in))
        # Round through bf16 (the release dtype; halves the committed files) so the
        # float32 reference runs on exactly the stored values.
        for p in model.parameters():
            p.copy_(p.to(torch.bfloat16).to(torch.float32))


def tiny_config(vocab, image_token_id, vit6b=False, vision_layers=2):
    vision = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=vision_layers, num_attention_heads=4,
                  image_size=[448, 448], patch_size=[14, 14], layer_norm_eps=1e-6, hidden_act="gelu",
                  norm_type="layer_norm", use_qk_norm=False, attention_bias=True, layer_scale_init_value=0.1,
                  use_mean_pooling=True, use_absolute_position_embeddings=True, initializer_range=0.02)
    if vit6b:
        vision.update(norm_type="rms_norm", use_qk_norm=True, attention_bias=False)
    text = dict(model_type="qwen3", vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=4096,
                rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=False, attention_bias=False,
                torch_dtype="float32")
    cfg = InternVLConfig(vision_config=vision, text_config=text, image_token_id=image_token_id, downsample_ratio=0.5,
                         projector_hidden_act="gelu", vision_feature_layer=-1,
                         vision_feature_select_strategy="default", image_seq_length=256)
    cfg._attn_implementation = "eager"
    cfg.vision_config._attn_implementation = "eager"
    cfg.text_config._attn_implementation = "eager"
    return cfg


def to_original(state, cfg, tokenizer, folder):
    """The inverse of transformers' convert_internvl_weights_to_hf: OpenGVLab names,
    fused qkv, the InternVLChatModel config.json; two shards and an index."""
    out = {}
    for name, t in state.items():
        n = name
        if n.startswith("model."):
            n = n[len("model."):]
        if n == "lm_head.weight":
            out["language_model.lm_head.weight"] = t
            continue
        if n.startswith("language_model."):
            out["language_model.model." + n[len("language_model."):]] = t
            continue
        if n.startswith("multi_modal_projector."):
            m = {"layer_norm": "0", "linear_1": "1", "linear_2": "3"}
            part, rest = n[len("multi_modal_projector."):].split(".", 1)
            out[f"mlp1.{m[part]}.{rest}"] = t
            continue
        assert n.startswith("vision_tower."), n
        n = n[len("vision_tower."):]
        n = (n.replace("embeddings.cls_token", "embeddings.class_embedding")
             .replace("embeddings.position_embeddings", "embeddings.position_embedding")
             .replace("embeddings.patch_embeddings.projection", "embeddings.patch_embedding")
             .replace("encoder.layer.", "encoder.layers.")
             .replace("attention.projection_layer", "attn.proj")
             .replace("attention.q_norm", "attn.q_norm").replace("attention.k_norm", "attn.k_norm")
             .replace("layernorm_before", "norm1").replace("layernorm_after", "norm2")
             .replace("lambda_1", "ls1").replace("lambda_2", "ls2"))
        if ".attention.q_proj." in n or ".attention.k_proj." in n or ".attention.v_proj." in n:
            continue  # fused below
        out["vision_model." + n] = t
    L = cfg.vision_config.num_hidden_layers
    for l in range(L):
        p = f"model.vision_tower.encoder.layer.{l}.attention."
        for kind in ("weight", "bias"):
            if p + "q_proj." + kind in state:
                out[f"vision_model.encoder.layers.{l}.attn.qkv.{kind}"] = torch.cat(
                    [state[p + "q_proj." + kind], state[p + "k_proj." + kind], state[p + "v_proj." + kind]], 0)
    out = {k: v.to(torch.bfloat16).contiguous() for k, v in out.items()}
    names = sorted(out)
    shards = [names[: len(names) // 2], names[len(names) // 2:]]
    weight_map = {}
    for i, part in enumerate(shards):
        fname = f"model-{i + 1:05d}-of-{len(shards):05d}.safetensors"
        save_file({k: out[k] for k in part}, os.path.join(folder, fname), metadata={"format": "pt"})
        weight_map.update({k: fname for k in part})
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": sum(v.numel() * 2 for v in out.values())}, "weight_map": weight_map}, f,
                  indent=2)
    v = cfg.vision_config
    t = cfg.text_config
    config = {
        "architectures": ["InternVLChatModel"], "model_type": "internvl_chat", "template": "internvl2_5",
        "downsample_ratio": 0.5, "ps_version": "v2", "select_layer": -1, "force_image_size": 448,
        "dynamic_image_size": True, "use_thumbnail": True, "min_dynamic_patch": 1, "max_dynamic_patch": 12,
        "torch_dtype": "bfloat16",
        "vision_config": {"architectures": ["InternVisionModel"], "model_type": "intern_vit_6b",
                          "hidden_size": v.hidden_size, "intermediate_size": v.intermediate_size,
                          "num_hidden_layers": v.num_hidden_layers, "num_attention_heads": v.num_attention_heads,
                          "image_size": 448, "patch_size": 14, "num_channels": 3, "layer_norm_eps": 1e-6,
                          "hidden_act": "gelu", "norm_type": v.norm_type, "qk_normalization": v.use_qk_norm,
                          "qkv_bias": v.attention_bias, "use_flash_attn": False, "initializer_factor": 0.1,
                          "drop_path_rate": 0.0},
        "llm_config": {"architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "vocab_size": t.vocab_size,
                       "hidden_size": t.hidden_size, "intermediate_size": t.intermediate_size,
                       "num_hidden_layers": t.num_hidden_layers, "num_attention_heads": t.num_attention_heads,
                       "num_key_value_heads": t.num_key_value_heads, "head_dim": t.head_dim,
                       "max_position_embeddings": t.max_position_embeddings, "rms_norm_eps": t.rms_norm_eps,
                       "rope_theta": t.rope_theta, "tie_word_embeddings": False, "attention_bias": False,
                       "torch_dtype": "bfloat16"},
    }
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    tokenizer.save_pretrained(folder)


def save_f32(path, t):
    a = t.detach().to(torch.float32).contiguous().numpy()
    a.astype("<f4").tofile(path)
    return list(a.shape)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "internvl"))
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    manifest = {"generator": "tests/reference/make_internvl_fixtures.py",
                "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                             "pillow": Image.__version__, "numpy": np.__version__}}

    # Inputs and Pillow's resize of them.
    images = {"frame0": make_image(640, 360, 1), "frame1": make_image(640, 360, 2),
              "big": make_image(1280, 720, 3, noise=False), "small": make_image(160, 120, 4)}
    for name, a in images.items():
        write_ppm(os.path.join(out, name + ".ppm"), a)
    resize = []
    # Raw output files only for the small cases; the 448x448 ones are checked by
    # checksum (frame0's tile is also committed as tile0.u8).
    for src, (w, h) in [("frame0", (448, 448)), ("big", (448, 448)), ("small", (448, 448)), ("frame1", (200, 300)),
                        ("big", (333, 97))]:
        r = np.asarray(Image.fromarray(images[src]).resize((w, h)), dtype=np.uint8)
        case = {"source": src + ".ppm", "width": w, "height": h, "fnv1a64": fnv1a64(r.tobytes())}
        if w * h < 100000:
            case["file"] = f"resize_{src}_{w}x{h}.u8"
            r.tofile(os.path.join(out, case["file"]))
        resize.append(case)
    manifest["resize"] = resize

    tiles, pixel_values = [], []
    for i in range(2):
        u8, px = internvl_tile(images[f"frame{i}"])
        u8.tofile(os.path.join(out, f"tile{i}.u8"))
        tiles.append({"file": f"tile{i}.u8", "source": f"frame{i}.ppm", "fnv1a64": fnv1a64(u8.tobytes())})
        pixel_values.append(px)
    pixel_values = torch.stack(pixel_values)
    manifest["tiles"] = tiles

    # Tokenizer, model, both layouts.
    tmp = tempfile.mkdtemp()
    tokenizer = make_tokenizer(tmp)
    vocab = len(tokenizer)
    ctx_id = tokenizer.convert_tokens_to_ids("<IMG_CONTEXT>")
    cfg = tiny_config(vocab, ctx_id)
    model = InternVLForConditionalGeneration(cfg).eval()
    randomise(model, 1234)
    native = os.path.join(out, "native")
    # A copy goes to bf16: converting the model itself would also round its rotary
    # inv_freq buffer, and the float32 reference below would carry that error.
    copy.deepcopy(model).to(torch.bfloat16).save_pretrained(native, safe_serialization=True)
    tokenizer.save_pretrained(native)
    original = os.path.join(out, "original")
    os.makedirs(original)
    to_original(model.state_dict(), cfg, tokenizer, original)

    # The processor's chat template and video expansion (the lead's template test).
    video_proc = InternVLVideoProcessor(size={"height": 448, "width": 448}, image_mean=list(IMAGENET_MEAN),
                                        image_std=list(IMAGENET_STD))
    image_proc = GotOcr2ImageProcessor(size={"height": 448, "width": 448}, image_mean=list(IMAGENET_MEAN),
                                       image_std=list(IMAGENET_STD))
    processor = InternVLProcessor(image_processor=image_proc, tokenizer=tokenizer, video_processor=video_proc,
                                  image_seq_length=256, chat_template=CHAT_TEMPLATE)
    messages = [{"role": "user", "content": [{"type": "video"},
                                             {"type": "text", "text": "What happens in the video?"}]}]
    text = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    video = np.stack([images["frame0"], images["frame1"]])
    enc = processor(text=[text], videos=[video], return_tensors="pt")
    input_ids = enc["input_ids"]
    proc_pixels = enc["pixel_values"]
    manifest["chat"] = {"messages": messages, "template": CHAT_TEMPLATE, "text": text,
                        "expanded_text": processor.decode(input_ids[0]), "input_ids": input_ids[0].tolist(),
                        "processor_pixel_max_abs_diff_vs_pil": float((proc_pixels - pixel_values).abs().max())}
    manifest["tokens"] = {"img_start": tokenizer.convert_tokens_to_ids("<img>"),
                          "img_end": tokenizer.convert_tokens_to_ids("</img>"), "img_context": ctx_id,
                          "vocab": vocab}

    # Reference forward in float32 on the PIL tiles.
    with torch.no_grad():
        vt = model.model.vision_tower(pixel_values=pixel_values).last_hidden_state
        proj = model.model.get_image_features(pixel_values=pixel_values, vision_feature_layer=-1,
                                              vision_feature_select_strategy="default")
        logits = model(input_ids=input_ids, pixel_values=pixel_values).logits[0]
        ids = input_ids
        greedy, margins = [], []
        for _ in range(20):
            step = model(input_ids=ids, pixel_values=pixel_values).logits[0, -1]
            top = torch.topk(step, 2)
            margins.append(float(top.values[0] - top.values[1]))
            nxt = int(top.indices[0])
            greedy.append(nxt)
            ids = torch.cat([ids, torch.tensor([[nxt]])], 1)
    manifest["reference"] = {
        "prompt_ids": input_ids[0].tolist(), "tower": {"file": "tower.f32", "shape": save_f32(os.path.join(out, "tower.f32"), vt)},
        "projected": {"file": "projected.f32", "shape": save_f32(os.path.join(out, "projected.f32"), proj)},
        "logits": {"file": "logits.f32", "shape": save_f32(os.path.join(out, "logits.f32"), logits)},
        "greedy": greedy, "greedy_min_margin": min(margins)}

    # InternViT-6B-style tower (RMSNorm, qk norm over all heads, no qkv bias).
    cfg6 = tiny_config(vocab, ctx_id, vit6b=True, vision_layers=1)
    m6 = InternVLForConditionalGeneration(cfg6).eval()
    randomise(m6, 99)
    copy.deepcopy(m6).to(torch.bfloat16).save_pretrained(os.path.join(out, "vit6b"), safe_serialization=True)
    tokenizer.save_pretrained(os.path.join(out, "vit6b"))
    with torch.no_grad():
        vt6 = m6.model.vision_tower(pixel_values=pixel_values[:1]).last_hidden_state
        pr6 = m6.model.get_image_features(pixel_values=pixel_values[:1], vision_feature_layer=-1,
                                          vision_feature_select_strategy="default")
    manifest["vit6b"] = {"tower_sum": float(vt6.double().sum()), "tower_shape": list(vt6.shape),
                         "projected": {"file": "vit6b_projected.f32",
                                       "shape": save_f32(os.path.join(out, "vit6b_projected.f32"), pr6)}}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    shutil.rmtree(tmp)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"wrote {out}: {total / 1e6:.2f} MB; greedy {greedy}, min top-2 margin {min(margins):.4g}; "
          f"processor vs PIL pixel max |diff| {manifest['chat']['processor_pixel_max_abs_diff_vs_pil']:.4g}")


if __name__ == "__main__":
    main()
