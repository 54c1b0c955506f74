// Hugging Face folders: JSON parser, safetensors validation, config.json and
// tokenizer.json mapping, sharded checkpoints.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "formats/hf_config.h"
#include "formats/hf_tokenizer.h"
#include "formats/json_value.h"
#include "formats/safetensors_file.h"
#include "formats/safetensors_writer.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/tokenizer.h"
#include "motor/gpu/weights.h"

namespace mg = motor::gpu;
namespace mf = motor::gpu::formats;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        path_ =
            fs::temp_directory_path() / ("motor-hf-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    std::string str() const { return path_.string(); }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

mf::JsonValue json(const std::string& text) {
    auto j = mf::JsonValue::parse(text, "test.json");
    EXPECT_TRUE(j.ok()) << (j ? "" : j.error().message);
    return j ? j.value() : mf::JsonValue();
}

std::string stError(const std::vector<std::byte>& b) {
    auto f = mf::SafetensorsFile::parse("t.safetensors", b.data(), b.size());
    return f ? std::string() : f.error().message;
}

std::vector<std::byte> rawSafetensors(const std::string& header, size_t dataBytes) {
    std::vector<std::byte> b(8 + header.size() + dataBytes);
    const uint64_t n = header.size();
    std::memcpy(b.data(), &n, 8);
    std::memcpy(b.data() + 8, header.data(), header.size());
    return b;
}

void writeModel(const std::string& folder, mg::Architecture arch = mg::Architecture::Llama) {
    mg::RandomModelSpec spec;
    spec.config = mg::makeRandomModelConfig(arch, 32, 2, 2, 1, 64, 300);
    ASSERT_TRUE(mg::writeRandomModelHf(spec, folder).ok());
}

}  // namespace

TEST(Json, ParsesDocuments) {
    auto v = json(
        R"({"a": [1, -2.5e3, true, false, null], "s": "x\u00e4\ud83d\ude00\n", "o": {}, "big": 9007199254740993})");
    ASSERT_TRUE(v.isObject());
    EXPECT_EQ(v.get("a")->array().size(), 5u);
    EXPECT_EQ(v.get("a")->array()[0].integer(), 1);
    EXPECT_EQ(v.get("a")->array()[1].number(), -2500.0);
    EXPECT_EQ(v.get("a")->array()[1].integer(), -2500);
    EXPECT_TRUE(v.get("a")->array()[4].isNull());
    EXPECT_EQ(v.get("s")->string(), "x\xC3\xA4\xF0\x9F\x98\x80\n");
    EXPECT_EQ(v.get("big")->integer(), 9007199254740993);  // exact beyond double precision
    EXPECT_EQ(v.get("missing"), nullptr);
    EXPECT_EQ(mf::jsonQuote("a\"b\\\n\x01"), "\"a\\\"b\\\\\\n\\u0001\"");
}

TEST(Json, RejectsMalformedWithLineAndColumn) {
    for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "\"abc", "01x", "tru", "[1] 2", "\"\\q\"",
                            "\"\x01\"", "-", "1.", "1e"}) {
        auto r = mf::JsonValue::parse(bad, "bad.json");
        EXPECT_FALSE(r.ok()) << bad;
    }
    auto r = mf::JsonValue::parse("{\n  \"a\": [1,\n  x]}", "bad.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.rfind("bad.json:3:3:", 0), 0u) << r.error().message;
    EXPECT_FALSE(mf::JsonValue::parse(std::string(100000, '['), "deep.json").ok());
}

TEST(Safetensors, ValidatesHeaderAndRanges) {
    std::vector<float> data(6, 1.0f);
    std::vector<std::byte> bytes(24);
    std::memcpy(bytes.data(), data.data(), 24);
    auto ok = mf::buildSafetensors({{"w", mg::DType::F32, {2, 3}, bytes}});
    auto f = mf::SafetensorsFile::parse("t.safetensors", ok.data(), ok.size());
    ASSERT_TRUE(f.ok()) << f.error().message;
    ASSERT_EQ(f.value()->tensors().size(), 1u);
    EXPECT_EQ(f.value()->tensors()[0].shape, (std::vector<int64_t>{2, 3}));

    for (size_t n = 0; n < ok.size(); ++n) {
        std::vector<std::byte> cut(ok.begin(), ok.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_NE(stError(cut), "") << "truncated at " << n;
    }
    std::string e = stError(rawSafetensors(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})", 8));
    EXPECT_NE(e.find("tensor 'w': data range"), std::string::npos) << e;
    e = stError(rawSafetensors(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 24));
    EXPECT_NE(e.find("field 'data_offsets' spans 20 bytes"), std::string::npos) << e;
    e = stError(rawSafetensors(R"({"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", 8));
    EXPECT_NE(e.find("unsupported dtype 'I64'"), std::string::npos) << e;
    e = stError(
        rawSafetensors(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,8]}})", 8));
    EXPECT_NE(e.find("overflows"), std::string::npos) << e;
    e = stError(rawSafetensors(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8));
    EXPECT_NE(e.find("data_offsets"), std::string::npos) << e;
    e = stError(rawSafetensors(R"([1,2])", 0));
    EXPECT_NE(e.find("not a JSON object"), std::string::npos) << e;
    e = stError(rawSafetensors(
        R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
        4));
    EXPECT_NE(e.find("appears twice"), std::string::npos) << e;
    auto huge = rawSafetensors("{}", 0);
    const uint64_t n = ~uint64_t{0};
    std::memcpy(huge.data(), &n, 8);
    EXPECT_NE(stError(huge).find("header length"), std::string::npos);
}

TEST(HfConfig, MapsFieldsAndRopeScaling) {
    auto c =
        mf::hfModelConfig(json(R"({"architectures":["LlamaForCausalLM"],"hidden_size":2048,"intermediate_size":8192,
        "num_hidden_layers":16,"num_attention_heads":32,"num_key_value_heads":8,"vocab_size":128256,"rms_norm_eps":1e-05,
        "rope_theta":500000.0,"max_position_embeddings":131072,"tie_word_embeddings":true,
        "rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,
        "original_max_position_embeddings":8192,"rope_type":"llama3"}})"),
                          "config.json");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->headDim, 64);
    EXPECT_EQ(c->kvHeads, 8);
    EXPECT_EQ(c->ropeTheta, 500000.0f);
    EXPECT_EQ(c->ropeStyle, mg::RopeStyle::NeoX);
    EXPECT_EQ(c->ropeScaling.kind, mg::RopeScaling::Kind::Llama3);
    EXPECT_EQ(c->ropeScaling.factor, 32.0f);
    EXPECT_EQ(c->ropeScaling.originalContext, 8192);
    EXPECT_TRUE(c->tiedEmbeddings);

    auto q3 =
        mf::hfModelConfig(json(R"({"architectures":["Qwen3ForCausalLM"],"hidden_size":1024,"intermediate_size":3072,
        "num_hidden_layers":28,"num_attention_heads":16,"num_key_value_heads":8,"head_dim":128,"vocab_size":151936})"),
                          "config.json");
    ASSERT_TRUE(q3.ok());
    EXPECT_EQ(q3->headDim, 128);
    EXPECT_TRUE(q3->qkNorm);

    auto missing =
        mf::hfModelConfig(json(R"({"architectures":["Qwen2ForCausalLM"],"intermediate_size":1})"), "m/config.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, "m/config.json: field 'hidden_size' is missing");
    auto arch = mf::hfModelConfig(json(R"({"architectures":["MistralForCausalLM"]})"), "config.json");
    EXPECT_NE(arch.error().message.find("unsupported architecture 'MistralForCausalLM'"), std::string::npos);
    auto wrong =
        mf::hfModelConfig(json(R"({"architectures":["LlamaForCausalLM"],"hidden_size":"big"})"), "config.json");
    EXPECT_NE(wrong.error().message.find("field 'hidden_size' must be an integer"), std::string::npos);
    auto yarn = mf::hfModelConfig(json(R"({"architectures":["LlamaForCausalLM"],"hidden_size":8,"intermediate_size":8,
        "num_hidden_layers":1,"num_attention_heads":1,"vocab_size":300,"rope_scaling":{"rope_type":"yarn","factor":4}})"),
                                  "config.json");
    EXPECT_NE(yarn.error().message.find("rope_scaling.rope_type"), std::string::npos);
}

TEST(HfConfig, CanonicalNames) {
    EXPECT_EQ(mf::hfCanonicalName("model.embed_tokens.weight"), "token_embd.weight");
    EXPECT_EQ(mf::hfCanonicalName("model.layers.12.self_attn.o_proj.weight"), "blk.12.attn_output.weight");
    EXPECT_EQ(mf::hfCanonicalName("model.layers.0.self_attn.k_proj.bias"), "blk.0.attn_k.bias");
    EXPECT_EQ(mf::hfCanonicalName("model.layers.3.self_attn.q_norm.weight"), "blk.3.attn_q_norm.weight");
    EXPECT_EQ(mf::hfCanonicalName("model.layers.3.mlp.down_proj.weight"), "blk.3.ffn_down.weight");
    EXPECT_EQ(mf::hfCanonicalName("lm_head.weight"), "output.weight");
    EXPECT_EQ(mf::hfCanonicalName("model.layers.x.mlp.up_proj.weight"), "model.layers.x.mlp.up_proj.weight");
}

TEST(HfTokenizer, SentencePieceStyleJsonWithByteFallback) {
    auto tok =
        json(R"({"added_tokens":[{"id":0,"content":"<unk>","special":true},{"id":1,"content":"<s>","special":true},
        {"id":2,"content":"</s>","special":true}],
        "normalizer":{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"▁"},{"type":"Replace","pattern":{"String":" "},"content":"▁"}]},
        "model":{"type":"BPE","byte_fallback":true,"unk_token":"<unk>","vocab":{"<unk>":0,"<s>":1,"</s>":2,"<0xC3>":3,"<0xA4>":4,
        "▁":5,"h":6,"i":7,"▁h":8,"▁hi":9},"merges":[["▁","h"],"▁h i"]}})");
    auto cfg =
        json(R"({"add_bos_token":true,"bos_token":{"content":"<s>"},"eos_token":"</s>","chat_template":"{{x}}"})");
    mf::HfTokenizerFiles files;
    files.folder = "m";
    files.tokenizer = &tok;
    files.tokenizerConfig = &cfg;
    std::string tpl;
    auto d = mf::hfTokenizerData(files, tpl);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->kind, mg::TokenizerKind::SentencePiece);
    EXPECT_TRUE(d->addSpacePrefix);
    EXPECT_EQ(d->bos, 1);
    EXPECT_EQ(d->eos, 2);
    EXPECT_EQ(d->unk, 0);
    EXPECT_EQ(tpl, "{{x}}");
    EXPECT_EQ(d->types[3], mg::TokenType::Byte);
    EXPECT_EQ(d->types[1], mg::TokenType::Control);
    auto t = mg::Tokenizer::create(d.value());
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->encode("hi ä"), (std::vector<int32_t>{1, 9, 5, 3, 4}));
    EXPECT_EQ(t->decode(t->encode("hi ä")), "hi ä");
}

TEST(HfTokenizer, ErrorsNameFileAndField) {
    mf::HfTokenizerFiles files;
    files.folder = "m";
    std::string tpl;
    auto noModel = json(R"({"added_tokens":[]})");
    files.tokenizer = &noModel;
    EXPECT_EQ(mf::hfTokenizerData(files, tpl).error().message, "m/tokenizer.json: field 'model' is missing");
    auto wordPiece = json(R"({"model":{"type":"WordPiece","vocab":{}}})");
    files.tokenizer = &wordPiece;
    EXPECT_NE(mf::hfTokenizerData(files, tpl).error().message.find("field 'model.type'"), std::string::npos);
    auto badMerge = json(R"({"model":{"type":"BPE","vocab":{"a":0},"merges":[1]}})");
    files.tokenizer = &badMerge;
    EXPECT_NE(mf::hfTokenizerData(files, tpl).error().message.find("field 'model.merges'"), std::string::npos);
    auto badId = json(R"({"model":{"type":"BPE","vocab":{"a":-4}}})");
    files.tokenizer = &badId;
    EXPECT_NE(mf::hfTokenizerData(files, tpl).error().message.find("out of range"), std::string::npos);
}

TEST(HfModel, OpensWrittenFolderWithCanonicalNames) {
    TempDir dir;
    writeModel(dir / "m", mg::Architecture::Qwen2);
    auto m = mg::openModel(dir / "m");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_STREQ(m.value()->formatName(), "safetensors");
    EXPECT_NE(m.value()->find("blk.1.attn_v.bias"), nullptr);
    EXPECT_NE(m.value()->find("output_norm.weight"), nullptr);
    EXPECT_EQ(m.value()->tokenizerData().preTokenizer, "qwen2");
    EXPECT_EQ(m.value()->config().ropeStyle, mg::RopeStyle::NeoX);
}

TEST(HfModel, ShardedCheckpoint) {
    TempDir dir;
    writeModel(dir / "src");
    const std::string folder = dir / "sharded";
    fs::create_directories(folder);
    for (const char* f : {"config.json", "tokenizer.json", "tokenizer_config.json", "generation_config.json"})
        fs::copy_file(dir / ("src/" + std::string(f)), folder + "/" + f);
    auto whole = mf::SafetensorsFile::open(dir / "src/model.safetensors");
    ASSERT_TRUE(whole.ok());
    std::vector<mf::SafetensorsEntry> a, b;
    std::string map;
    for (const auto& t : whole.value()->tensors()) {
        const bool first = t.name.find("layers.1.") == std::string::npos;
        std::vector<std::byte> bytes(t.data, t.data + t.bytes);
        (first ? a : b).push_back({t.name, t.dtype, t.shape, std::move(bytes)});
        map += std::string(map.empty() ? "" : ",") + "\"" + t.name + "\":\"model-0000" + (first ? "1" : "2") +
               "-of-00002.safetensors\"";
    }
    ASSERT_TRUE(mf::writeSafetensors(folder + "/model-00001-of-00002.safetensors", a).ok());
    ASSERT_TRUE(mf::writeSafetensors(folder + "/model-00002-of-00002.safetensors", b).ok());
    writeText(folder + "/model.safetensors.index.json", "{\"metadata\":{},\"weight_map\":{" + map + "}}");
    auto m = mg::openModel(folder);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m.value()->tensors().size(), whole.value()->tensors().size());
    EXPECT_NE(m.value()->find("blk.1.ffn_down.weight"), nullptr);

    writeText(folder + "/model.safetensors.index.json",
              "{\"weight_map\":{\"model.norm.weight\":\"../src/model.safetensors\"}}");
    auto escape = mg::openModel(folder);
    ASSERT_FALSE(escape.ok());
    EXPECT_NE(escape.error().message.find("not a plain file name"), std::string::npos);
    writeText(folder + "/model.safetensors.index.json",
              "{\"weight_map\":{" + map + ",\"model.extra.weight\":\"model-00001-of-00002.safetensors\"}}");
    auto missing = mg::openModel(folder);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("tensor 'model.extra.weight'"), std::string::npos)
        << missing.error().message;
}

TEST(HfModel, FolderErrorsNameTheFile) {
    TempDir dir;
    writeModel(dir / "m");
    const std::string cfg = readText(dir / "m/config.json");
    writeText(dir / "m/config.json", "{\"architectures\": [\"LlamaForCausalLM\"], ");
    auto r = mg::openModel(dir / "m");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("config.json:1:"), std::string::npos) << r.error().message;
    writeText(dir / "m/config.json", cfg);
    fs::remove(dir / "m/model.safetensors");
    r = mg::openModel(dir / "m");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("model.safetensors"), std::string::npos);
    EXPECT_FALSE(mg::openModel(dir / "nothing-here").ok());
    EXPECT_FALSE(mg::openModel(dir.str()).ok());  // a folder without config.json
}
