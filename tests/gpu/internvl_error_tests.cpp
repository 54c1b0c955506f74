// Bad InternVL files fail at open or load with the file and the tensor or field named.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "formats/gguf_writer.h"
#include "formats/safetensors_file.h"
#include "formats/safetensors_writer.h"
#include "motor/gpu/convert.h"
#include "motor/gpu/engine.h"
#include "support/internvl_fixtures.h"

namespace mg = motor::gpu;
namespace fs = std::filesystem;
using namespace motor::gpu::test;

namespace {

// A copy of a fixture folder whose safetensors (single file) or config can be edited.
std::string copyFolder(const ScratchDir& dir, const std::string& name) {
    const std::string to = dir.path(name);
    fs::copy(internvlData(name), to, fs::copy_options::recursive);
    return to;
}

// Rewrites model.safetensors of a folder through edit(entries).
template <class Edit>
void rewriteSafetensors(const std::string& folder, Edit edit) {
    auto f = mg::formats::SafetensorsFile::open(folder + "/model.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    std::vector<mg::formats::SafetensorsEntry> entries;
    for (const auto& t : f.value()->tensors()) {
        const auto* b = t.data;
        entries.push_back({t.name, t.dtype, t.shape, std::vector<std::byte>(b, b + t.bytes)});
    }
    f.value().reset();
    edit(entries);
    ASSERT_TRUE(mg::formats::writeSafetensors(folder + "/model.safetensors", entries).ok());
}

void replaceInFile(const std::string& path, const std::string& from, const std::string& to) {
    std::ifstream in(path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t at = s.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    std::ofstream(path) << s;
}

std::string openError(const std::string& path, const mg::OpenOptions& o = {}) {
    auto w = mg::openModel(path, o);
    if (!w.ok()) return w.error().message;
    auto m = mg::Model::load(std::move(w.value()));
    return m.ok() ? std::string() : m.error().message;
}

void expectContains(const std::string& message, std::initializer_list<std::string> parts) {
    ASSERT_FALSE(message.empty()) << "expected an error";
    for (const auto& p : parts) EXPECT_NE(message.find(p), std::string::npos) << "'" << p << "' not in: " << message;
}

}  // namespace

TEST(InternVLErrors, MissingVisionTensorIsNamed) {
    ScratchDir dir;
    const std::string folder = copyFolder(dir, "native");
    rewriteSafetensors(folder, [](auto& e) {
        std::erase_if(e, [](const auto& t) { return t.name == "vision_tower.encoder.layer.1.lambda_2"; });
    });
    expectContains(openError(folder), {folder, "v.blk.1.ls2.weight", "missing"});
}

TEST(InternVLErrors, WrongShapeIsNamed) {
    ScratchDir dir;
    const std::string folder = copyFolder(dir, "native");
    rewriteSafetensors(folder, [](auto& e) {
        for (auto& t : e)
            if (t.name == "multi_modal_projector.linear_1.weight") {
                t.shape = {64, 128};
                t.data.resize(64 * 128 * 2);
            }
    });
    expectContains(openError(folder), {folder, "mm.model.mlp.1.weight", "[64, 128]", "[64, 256]"});
}

TEST(InternVLErrors, PositionGridOfAnotherSizeIsRefused) {
    ScratchDir dir;
    const std::string folder = copyFolder(dir, "native");
    rewriteSafetensors(folder, [](auto& e) {
        for (auto& t : e)
            if (t.name == "vision_tower.embeddings.position_embeddings") {
                t.shape = {1, 257, 64};  // a 224-pixel checkpoint
                t.data.resize(257 * 64 * 2);
            }
    });
    expectContains(openError(folder), {folder, "v.position_embd.weight", "interpolation"});
}

TEST(InternVLErrors, UnsupportedConfigFieldsAreNamed) {
    ScratchDir dir;
    const std::string orig = copyFolder(dir, "original");
    replaceInFile(orig + "/config.json", "\"norm_type\": \"layer_norm\"", "\"norm_type\": \"batch_norm\"");
    expectContains(openError(orig), {orig + "/config.json", "vision_config.norm_type", "batch_norm"});
    replaceInFile(orig + "/config.json", "\"norm_type\": \"batch_norm\"", "\"norm_type\": \"layer_norm\"");
    replaceInFile(orig + "/config.json", "\"force_image_size\": 448", "\"force_image_size\": 224");
    expectContains(openError(orig), {"force_image_size", "224"});
    replaceInFile(orig + "/config.json", "\"force_image_size\": 224", "\"force_image_size\": 448");
    replaceInFile(orig + "/config.json", "\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\"");
    expectContains(openError(orig), {"vision_config.hidden_act", "relu"});
}

TEST(InternVLErrors, ShardIndexNamingAMissingTensor) {
    ScratchDir dir;
    const std::string orig = copyFolder(dir, "original");
    replaceInFile(orig + "/model.safetensors.index.json", "\"mlp1.0.bias\"", "\"mlp1.9.bias\"");
    expectContains(openError(orig), {"mlp1.9.bias", "missing"});
}

TEST(InternVLErrors, MmprojProblemsAreNamed) {
    ScratchDir dir;
    auto r = mg::convertToGguf(internvlData("native"), dir.path("m.gguf"), {mg::DType::F32, dir.path("proj.gguf")});
    ASSERT_TRUE(r.ok()) << r.error().message;
    // Opening the mmproj as the model, or the model with a text GGUF as mmproj.
    expectContains(openError(dir.path("proj.gguf")), {dir.path("proj.gguf"), "mmproj"});
    mg::OpenOptions o;
    o.mmproj = dir.path("m.gguf");
    expectContains(openError(dir.path("m.gguf"), o), {dir.path("m.gguf"), "general.architecture"});
    // Not found beside (its name does not start with mmproj): text-only.
    auto plain = mg::openModel(dir.path("m.gguf"));
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain.value()->visionConfig(), nullptr);
    // An unknown projector type.
    mg::formats::GgufWriter w;
    w.addString("general.architecture", "clip");
    w.addString("clip.projector_type", "llava");
    ASSERT_TRUE(w.write(dir.path("llava.gguf")).ok());
    o.mmproj = dir.path("llava.gguf");
    expectContains(openError(dir.path("m.gguf"), o), {dir.path("llava.gguf"), "clip.projector_type", "llava"});
    // Two candidates beside the model: ambiguous, so an error listing them.
    fs::copy_file(dir.path("proj.gguf"), dir.path("mmproj-a.gguf"));
    fs::copy_file(dir.path("proj.gguf"), dir.path("mmproj-b.gguf"));
    expectContains(openError(dir.path("m.gguf")), {"mmproj-a.gguf", "mmproj-b.gguf"});
    // Explicit choice works.
    o.mmproj = dir.path("mmproj-b.gguf");
    EXPECT_EQ(openError(dir.path("m.gguf"), o), "");
}

TEST(InternVLErrors, BadFramesAndRows) {
    auto w = mg::openModel(internvlData("native"));
    ASSERT_TRUE(w.ok());
    auto m = mg::Model::load(std::move(w.value()));
    ASSERT_TRUE(m.ok());
    const std::vector<uint8_t> px(10 * 10 * 3 - 1);
    const mg::RgbImage bad[] = {{10, 10, px}};
    expectContains(m.value()->vision()->encode(bad).error().message, {"frame 0"});
    EXPECT_FALSE(m.value()->vision()->encode({}).ok());
    mg::Session s = m.value()->newSession();
    const std::vector<float> rows(65);  // not whole rows of 64
    expectContains(s.prefillEmbeddings(rows).error().message, {"65", "64"});
    EXPECT_EQ(s.position(), 0);
}

// transformers 4.57 saves the legacy names (language_model.model.*, vision_tower.*,
// multi_modal_projector.*, language_model.lm_head.weight: the fixture); its in-memory
// names, which other versions save, are model.language_model.*, model.vision_tower.*,
// model.multi_modal_projector.*, lm_head.weight. Both load to the same model.
TEST(InternVLNames, ModelPrefixedNativeNamesLoadTheSame) {
    ScratchDir dir;
    const std::string folder = copyFolder(dir, "native");
    rewriteSafetensors(folder, [](auto& e) {
        for (auto& t : e) {
            if (t.name == "language_model.lm_head.weight")
                t.name = "lm_head.weight";
            else if (t.name.rfind("language_model.model.", 0) == 0)
                t.name = "model.language_model." + t.name.substr(21);
            else
                t.name = "model." + t.name;
        }
    });
    auto a = mg::openModel(folder);
    auto b = mg::openModel(internvlData("native"));
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok());
    ASSERT_EQ(a.value()->tensors().size(), b.value()->tensors().size());
    for (const auto& t : b.value()->tensors()) {
        const mg::TensorView* u = a.value()->find(t.name);
        ASSERT_NE(u, nullptr) << t.name;
        EXPECT_EQ(u->shape, t.shape);
        EXPECT_EQ(std::memcmp(u->data, t.data, size_t(t.bytes)), 0) << t.name;
    }
}
