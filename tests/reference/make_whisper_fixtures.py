#!/usr/bin/env python3
"""Reference fixtures for the engine's Whisper support (tests/gpu/whisper_*_tests.cpp).

Builds tiny random-weight Whisper models with the real audio geometry (30 s windows,
3,000 mel frames, 1,500 encoder positions, 448 decoder positions) but tiny widths, runs
transformers' WhisperFeatureExtractor and WhisperForConditionalGeneration on them in
float32 and writes what the C++ tests compare against. Everything lands in
tests/data/whisper/ (a few MB); the C++ tests read it without Python.

    /work/venv-ref/bin/python tests/reference/make_whisper_fixtures.py   # ~1 min

Needs espeak-ng and sox (Debian packages) to synthesise the speech.

Outputs (little-endian; .f32 = raw float32, .i32 = raw int32):
  en.wav, fi.wav: espeak-ng sentences, 16 kHz mono 16-bit; tones.wav: two sine tones
  mel80_en.f32, mel128_en.f32: WhisperFeatureExtractor (30 s padding) of en.wav, the
      first MEL_FRAMES frames of every bin ([bins][MEL_FRAMES])
  mel80_long.f32: the long recording (see long_audio) padded with 30 s of silence and
      featurised whole (truncation off), frames LONG_SLICE of every bin
  tiny80/, tiny128/: HF folders (F16 safetensors, config.json, generation_config.json,
      tokenizer.json, preprocessor_config.json). tiny80 has the v1/v2 special-token
      layout (99 languages), tiny128 the large-v3 one (100 languages, 128 bins)
  tiny80_encoder.f32 ...: encoder output rows 0, 8, 16, ... (every 8th of 1500)
  tiny80_logits.f32 ...: decoder logits at every position of a fixed 8-token prompt
  ggml-tiny8.bin: a whisper.cpp model file (vocabulary size 51865, so the special ids
      follow whisper.cpp's rule), width 8, written from the documented format
  ggml8_*.f32 / .i32: its encoder rows, logits top-k, greedy tokens
  manifest.json: shapes, ids, greedy token sequences (at most MAX_NEW new tokens), versions
"""
import json
import os
import shutil
import struct
import subprocess
import tempfile

import numpy as np
import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

import transformers
from transformers import GenerationConfig, WhisperConfig, WhisperFeatureExtractor, WhisperForConditionalGeneration
from transformers.generation.logits_process import (SuppressTokensAtBeginLogitsProcessor, SuppressTokensLogitsProcessor,
                                                    WhisperTimeStampLogitsProcessor)

# The versions the committed fixtures were made with (tests/reference/requirements.txt).
PINNED = {"torch": "2.8.0", "transformers": "4.57.1"}
for _mod, _want in ((torch, PINNED["torch"]), (transformers, PINNED["transformers"])):
    if not _mod.__version__.startswith(_want):
        raise SystemExit(f"{_mod.__name__} {_mod.__version__} found, the fixtures are made with {_want} "
                         "(pip install -r tests/reference/requirements.txt)")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "whisper")
SR = 16000
MEL_FRAMES = 200
LONG_SLICE = (2950, 3050)
ENCODER_ROW_STEP = 8
# Greedy references stop after this many new tokens (transformers' generate on CPU is
# slow on these models; the C++ test decodes with the same limit).
MAX_NEW = 32

# openai/whisper's language order (tokenizer.LANGUAGES); large-v3 adds "yue".
LANGUAGES = ["en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv", "it", "id",
             "hi", "fi", "vi", "he", "uk", "el", "ms", "cs", "ro", "da", "hu", "ta", "no", "th", "ur", "hr", "bg",
             "lt", "la", "mi", "ml", "cy", "sk", "te", "fa", "lv", "bn", "sr", "az", "sl", "kn", "et", "mk", "br",
             "eu", "is", "hy", "ne", "mn", "bs", "kk", "sq", "sw", "gl", "mr", "pa", "si", "km", "sn", "yo", "so",
             "af", "oc", "ka", "be", "tg", "sd", "gu", "am", "yi", "lo", "uz", "fo", "ht", "ps", "tk", "nn", "mt",
             "sa", "lb", "my", "bo", "tl", "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue"]
TRAIN_TEXT = [
    "The students plan their work before they start the task.",
    "We check the answer together and adjust the strategy when it fails.",
    "Oppilaat suunnittelevat tehtävän yhdessä ryhmässä.",
    "Mitä seuraavaksi? Tarkistetaan vastaus ja mietitään uudelleen.",
    " the a of and to in is it that we they you i",
] * 20


def synth(text, voice, path):
    with tempfile.TemporaryDirectory() as d:
        raw = os.path.join(d, "raw.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", raw, text], check=True)
        subprocess.run(["sox", raw, "-r", str(SR), "-b", "16", "-c", "1", path], check=True)


def read_wav(path):
    """16-bit PCM mono WAV -> float32 in [-1, 1), as the engine reads it."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    pos = 12
    pcm = None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"data":
            pcm = np.frombuffer(data[pos + 8:pos + 8 + size], dtype="<i2")
        pos += 8 + size + (size & 1)
    return pcm.astype(np.float32) / 32768.0


def write_wav(path, x):
    pcm = np.clip(np.round(x * 32767.0), -32768, 32767).astype("<i2").tobytes()
    hdr = b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVE" + b"fmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, SR, SR * 2, 2, 16) + b"data" + struct.pack("<I", len(pcm))
    with open(path, "wb") as f:
        f.write(hdr + pcm)


def long_audio(en, fi, tones):
    """The long-form recording: 0.5 s silence, then en, fi, tones, en, fi with silences of
    1.5 s between them and 20 s of silence before the last two (> 30 s, so decoding spans
    windows). The C++ test builds the same sequence from the same files."""
    z = lambda s: np.zeros(int(s * SR), dtype=np.float32)
    return np.concatenate([z(0.5), en, z(1.5), fi, z(1.5), tones, z(20.0), en, z(1.5), fi, z(1.0)])


def make_tokenizer(langs):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=[], show_progress=False)
    tok.train_from_iterator(TRAIN_TEXT, trainer)
    specials = ["<|endoftext|>", "<|startoftranscript|>"] + [f"<|{l}|>" for l in langs] + [
        "<|translate|>", "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nospeech|>", "<|notimestamps|>"]
    specials += ["<|%.2f|>" % (i * 0.02) for i in range(1501)]
    tok.add_special_tokens(specials)
    return tok


def randomise(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "encoder.embed_positions" in name:
                continue  # the sinusoids, as real checkpoints store them
            if p.ndim == 1 and "layer_norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g))
            elif p.ndim == 1:
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            elif "embed_positions" in name:
                p.copy_(0.3 * torch.randn(p.shape, generator=g))
            elif "embed_tokens" in name:
                p.copy_(0.5 * torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel()
                p.copy_(torch.randn(p.shape, generator=g) / np.sqrt(fan_in))
        # Round through f16 (the committed dtype) so the f32 reference runs on exactly
        # the stored values.
        for p in model.parameters():
            p.copy_(p.to(torch.float16).to(torch.float32))
        model.model.encoder.embed_positions.weight.copy_(
            model.model.encoder.embed_positions.weight.to(torch.float16).to(torch.float32))


def special_ids(tok, langs):
    ids = {s: tok.token_to_id(s) for s in ["<|endoftext|>", "<|startoftranscript|>", "<|translate|>", "<|transcribe|>",
                                           "<|startoflm|>", "<|startofprev|>", "<|nospeech|>", "<|notimestamps|>"]}
    ids["lang"] = {l: tok.token_to_id(f"<|{l}|>") for l in langs}
    return ids


def build_hf(name, n_mels, langs, seed, en_audio):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    tok = make_tokenizer(langs)
    vocab = tok.get_vocab_size()
    ids = special_ids(tok, langs)
    eot, sot, notimestamps = ids["<|endoftext|>"], ids["<|startoftranscript|>"], ids["<|notimestamps|>"]
    space = tok.token_to_id("\u0120")  # "Ġ", a lone space, as whisper's begin_suppress_tokens has 220
    cfg = WhisperConfig(vocab_size=vocab, num_mel_bins=n_mels, d_model=32, encoder_layers=2, decoder_layers=2,
                        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64,
                        max_source_positions=1500, max_target_positions=448, decoder_start_token_id=sot,
                        pad_token_id=eot, bos_token_id=eot, eos_token_id=eot, begin_suppress_tokens=[space, eot],
                        suppress_tokens=None, torch_dtype="float32")
    cfg._attn_implementation = "eager"
    torch.manual_seed(seed)
    model = WhisperForConditionalGeneration(cfg).eval()
    randomise(model, seed)
    # A few text ids and the specials openai suppresses, as real generation configs list.
    suppress = sorted({3, 5, 7} | {ids[s] for s in ["<|translate|>", "<|transcribe|>", "<|startoflm|>",
                                                     "<|startofprev|>", "<|nospeech|>"]} | {sot})
    gen = GenerationConfig(
        decoder_start_token_id=sot, eos_token_id=eot, bos_token_id=eot, pad_token_id=eot, max_length=448,
        begin_suppress_tokens=[space, eot], suppress_tokens=suppress, no_timestamps_token_id=notimestamps,
        max_initial_timestamp_index=50, is_multilingual=True, lang_to_id={f"<|{l}|>": ids["lang"][l] for l in langs},
        task_to_id={"transcribe": ids["<|transcribe|>"], "translate": ids["<|translate|>"]},
        prev_sot_token_id=ids["<|startofprev|>"], return_timestamps=False, max_new_tokens=MAX_NEW)
    model.generation_config = gen

    state = {k: v.to(torch.float16).contiguous() for k, v in model.state_dict().items() if k != "proj_out.weight"}
    save_file(state, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    cfg.save_pretrained(folder)
    gen.save_pretrained(folder)
    tok.save(os.path.join(folder, "tokenizer.json"))
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "WhisperTokenizer", "bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>",
                   "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>", "model_max_length": 1024}, f, indent=2)
    fe = WhisperFeatureExtractor(feature_size=n_mels)
    fe.save_pretrained(folder)

    feats = torch.from_numpy(fe(en_audio, sampling_rate=SR, return_tensors="np")["input_features"])
    out = {"vocab": vocab, "n_mels": n_mels, "ids": {k: v for k, v in ids.items()}, "space": space,
           "suppress_tokens": suppress}
    with torch.no_grad():
        enc = model.model.encoder(feats).last_hidden_state[0]
        enc[::ENCODER_ROW_STEP].numpy().astype("<f4").tofile(os.path.join(OUT, f"{name}_encoder.f32"))
        out["encoder_rows"] = [int(enc.shape[0]), ENCODER_ROW_STEP, int(enc.shape[1])]
        prompt = [sot, ids["lang"]["en"], ids["<|transcribe|>"], notimestamps + 1, 40, 41, 200, notimestamps + 26]
        logits = model(input_features=feats, decoder_input_ids=torch.tensor([prompt])).logits[0]
        logits.numpy().astype("<f4").tofile(os.path.join(OUT, f"{name}_logits.f32"))
        out["logits_prompt"] = prompt

        # Greedy with timestamps, language given; and the language the model detects.
        out["greedy_en"] = greedy(model, feats, [sot, ids["lang"]["en"], ids["<|transcribe|>"]], gen, True)
        out["greedy_fi_notimestamps"] = greedy(model, feats, [sot, ids["lang"]["fi"], ids["<|transcribe|>"], notimestamps],
                                               gen, False)
        lang = model.detect_language(feats)
        out["detected_language_id"] = int(lang[0])

    return out


def greedy(model, feats, prompt, gen, timestamps):
    """Greedy decoding of one window with transformers' own Whisper logits processors
    (suppress_tokens, begin_suppress_tokens, WhisperTimeStampLogitsProcessor), in the
    order generate() applies them; a plain loop because generate() is very slow on CPU
    here. Returns the prompt and the sampled tokens (eot included when reached)."""
    begin = len(prompt)
    procs = [SuppressTokensLogitsProcessor(gen.suppress_tokens, device="cpu"),
             SuppressTokensAtBeginLogitsProcessor(gen.begin_suppress_tokens, begin, device="cpu")]
    if timestamps:
        procs.append(WhisperTimeStampLogitsProcessor(gen, begin_index=begin))
    else:
        procs.append(SuppressTokensLogitsProcessor([gen.no_timestamps_token_id + 1 + i for i in range(1501)], device="cpu"))
    enc = model.model.encoder(feats).last_hidden_state
    ids = torch.tensor([prompt])
    for _ in range(MAX_NEW):
        scores = model(encoder_outputs=(enc,), decoder_input_ids=ids).logits[:, -1, :]
        for p in procs:
            scores = p(ids, scores)
        nxt = int(torch.argmax(scores, dim=-1)[0])
        ids = torch.cat([ids, torch.tensor([[nxt]])], dim=1)
        if nxt == gen.eos_token_id:
            break
    return ids[0].tolist()


def ggml_name(hf):
    """HF tensor name -> openai/whisper.cpp name (the mapping convert-h5-to-ggml.py applies)."""
    n = hf.replace("model.", "", 1)
    rep = [("encoder.embed_positions.weight", "encoder.positional_embedding"),
           ("decoder.embed_positions.weight", "decoder.positional_embedding"),
           ("decoder.embed_tokens.weight", "decoder.token_embedding.weight"),
           ("encoder.layer_norm.", "encoder.ln_post."), ("decoder.layer_norm.", "decoder.ln."),
           (".layers.", ".blocks."), (".self_attn_layer_norm.", ".attn_ln."),
           (".encoder_attn_layer_norm.", ".cross_attn_ln."), (".final_layer_norm.", ".mlp_ln."),
           (".self_attn.", ".attn."), (".encoder_attn.", ".cross_attn."), (".q_proj.", ".query."),
           (".k_proj.", ".key."), (".v_proj.", ".value."), (".out_proj.", ".out."), (".fc1.", ".mlp.0."),
           (".fc2.", ".mlp.2.")]
    for a, b in rep:
        n = n.replace(a, b)
    return n


def write_ggml(path, model, cfg, n_mels, vocab_bytes):
    fe = WhisperFeatureExtractor(feature_size=n_mels)
    with open(path, "wb") as f:
        f.write(struct.pack("<i", 0x67676D6C))
        f.write(struct.pack("<11i", cfg.vocab_size, cfg.max_source_positions, cfg.d_model, cfg.encoder_attention_heads,
                            cfg.encoder_layers, cfg.max_target_positions, cfg.d_model, cfg.decoder_attention_heads,
                            cfg.decoder_layers, n_mels, 1))
        filters = fe.mel_filters.T.astype("<f4")  # [n_mels][n_fft/2 + 1]
        f.write(struct.pack("<ii", filters.shape[0], filters.shape[1]))
        f.write(filters.tobytes())
        f.write(struct.pack("<i", len(vocab_bytes)))
        for b in vocab_bytes:
            f.write(struct.pack("<i", len(b)))
            f.write(b)
        for hf, t in model.state_dict().items():
            if hf == "proj_out.weight":
                continue
            name = ggml_name(hf)
            data = t.numpy()
            if name in ("encoder.conv1.bias", "encoder.conv2.bias"):
                data = data.reshape(data.shape[0], 1)
            f32 = data.ndim < 2 or name in ("encoder.conv1.bias", "encoder.conv2.bias", "encoder.positional_embedding",
                                            "decoder.positional_embedding")
            data = data.astype("<f4" if f32 else "<f2")
            nb = name.encode()
            f.write(struct.pack("<iii", data.ndim, len(nb), 0 if f32 else 1))
            for i in range(data.ndim):
                f.write(struct.pack("<i", data.shape[data.ndim - 1 - i]))
            f.write(nb)
            f.write(data.tobytes())


def build_ggml(en_audio):
    """whisper.cpp's special ids follow from the vocabulary size (51865: multilingual,
    99 languages): eot 50257, sot 50258, languages 50259.., transcribe 50359,
    notimestamps 50363, timestamps from 50364. The file's vocabulary section lists only
    the first 300 byte strings (whisper.cpp names the rest itself)."""
    vocab = 51865
    eot, sot, transcribe, notimestamps = 50257, 50258, 50359, 50363
    cfg = WhisperConfig(vocab_size=vocab, num_mel_bins=80, d_model=8, encoder_layers=2, decoder_layers=2,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=16, decoder_ffn_dim=16,
                        decoder_start_token_id=sot, pad_token_id=eot, bos_token_id=eot, eos_token_id=eot,
                        begin_suppress_tokens=[220, eot], suppress_tokens=None)
    cfg._attn_implementation = "eager"
    torch.manual_seed(7)
    model = WhisperForConditionalGeneration(cfg).eval()
    randomise(model, 7)
    gen = GenerationConfig(decoder_start_token_id=sot, eos_token_id=eot, pad_token_id=eot, max_length=448,
                           begin_suppress_tokens=[220, eot],
                           suppress_tokens=[sot, 50358, transcribe, 50360, 50361, 50362],
                           no_timestamps_token_id=notimestamps, max_initial_timestamp_index=50, is_multilingual=True,
                           lang_to_id={f"<|{l}|>": 50259 + i for i, l in enumerate(LANGUAGES[:99])},
                           task_to_id={"transcribe": transcribe, "translate": 50358})
    model.generation_config = gen
    vocab_bytes = [bytes([i]) if i < 256 else ("w%d" % i).encode() for i in range(300)]
    write_ggml(os.path.join(OUT, "ggml-tiny8.bin"), model, cfg, 80, vocab_bytes)
    fe = WhisperFeatureExtractor(feature_size=80)
    feats = torch.from_numpy(fe(en_audio, sampling_rate=SR, return_tensors="np")["input_features"])
    out = {"vocab": vocab}
    with torch.no_grad():
        enc = model.model.encoder(feats).last_hidden_state[0]
        enc[::ENCODER_ROW_STEP].numpy().astype("<f4").tofile(os.path.join(OUT, "ggml8_encoder.f32"))
        prompt = [sot, 50259, transcribe, notimestamps + 1, 40, 41, 200, notimestamps + 26]
        logits = model(input_features=feats, decoder_input_ids=torch.tensor([prompt])).logits[0]
        # 51865 logits a position are too many to commit: the top 32 of each position
        # (ids and values) and the log-sum-exp over the whole row.
        top = torch.topk(logits, 32, dim=-1)
        top.indices.numpy().astype("<i4").tofile(os.path.join(OUT, "ggml8_logits_top_ids.i32"))
        top.values.numpy().astype("<f4").tofile(os.path.join(OUT, "ggml8_logits_top.f32"))
        out["logsumexp"] = torch.logsumexp(logits, dim=-1).tolist()
        out["logits_prompt"] = prompt
        out["greedy_en"] = greedy(model, feats, [sot, 50259, transcribe], gen, True)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    synth("The students plan their work before they start the task.", "en-us", os.path.join(OUT, "en.wav"))
    synth("Oppilaat suunnittelevat tehtävän yhdessä ryhmässä.", "fi", os.path.join(OUT, "fi.wav"))
    t = np.arange(int(2.0 * SR)) / SR
    tones = 0.3 * np.sin(2 * np.pi * 440 * t) * (t < 1.0) + 0.3 * np.sin(2 * np.pi * 660 * t) * (t >= 1.0)
    write_wav(os.path.join(OUT, "tones.wav"), tones.astype(np.float32))
    en, fi, tn = (read_wav(os.path.join(OUT, n)) for n in ("en.wav", "fi.wav", "tones.wav"))

    manifest = {"versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                             "numpy": np.__version__},
                "mel_frames": MEL_FRAMES, "max_new_tokens": MAX_NEW, "long_slice": list(LONG_SLICE), "encoder_row_step": ENCODER_ROW_STEP,
                "samples": {"en": len(en), "fi": len(fi), "tones": len(tn)}}
    for bins in (80, 128):
        fe = WhisperFeatureExtractor(feature_size=bins)
        m = fe(en, sampling_rate=SR, return_tensors="np")["input_features"][0]
        m[:, :MEL_FRAMES].astype("<f4").tofile(os.path.join(OUT, f"mel{bins}_en.f32"))
        manifest[f"mel{bins}_en_tail"] = float(m[0, -1])

    long = long_audio(en, fi, tn)
    long_frames = len(long) // 160
    padded = np.concatenate([long, np.zeros(30 * SR, dtype=np.float32)])
    fe = WhisperFeatureExtractor(feature_size=80)
    lf = fe(padded, sampling_rate=SR, truncation=False, padding="longest", return_tensors="np")["input_features"]
    lf[0][:, LONG_SLICE[0]:LONG_SLICE[1]].astype("<f4").tofile(os.path.join(OUT, "mel80_long.f32"))
    manifest["long"] = {"samples": len(long), "frames": long_frames, "feature_frames": int(lf.shape[-1])}

    manifest["tiny80"] = build_hf("tiny80", 80, LANGUAGES[:99], 11, en)
    manifest["tiny128"] = build_hf("tiny128", 128, LANGUAGES, 12, en)
    manifest["ggml8"] = build_ggml(en)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    total = sum(os.path.getsize(os.path.join(r, n)) for r, _, fs in os.walk(OUT) for n in fs)
    print(f"wrote {OUT} ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
