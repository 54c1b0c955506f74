#pragma once
// The vision half of a multimodal model (InternVL: InternViT + MLP projector). A Model
// whose weights carry a vision tower exposes it through Model::vision(); it turns RGB
// frames of any size into rows of language-model embeddings that a Session appends with
// prefillEmbeddings() in place of the <IMG_CONTEXT> tokens.
//
// A clip of 8 frames, InternVL's video prompt ("Frame1: <img><IMG_CONTEXT>*256</img>\n"
// per frame, the chat template around it):
//
//   auto weights = openModel("InternVL3_5-8B");          // or a .gguf (+ mmproj)
//   auto model = Model::load(std::move(weights.value()));
//   const VisionEncoder* vision = model.value()->vision();  // nullptr: text-only model
//   std::vector<RgbImage> frames = ...;                    // 8 decoded frames
//   auto rows = vision->encode(frames);                    // 8 x 256 rows of dim floats
//   Session s = model.value()->newSession();
//   for each frame i:
//       s.prefill(tokens of "...Frame{i+1}: <img>");
//       s.prefillEmbeddings(rows.value().frame(i));
//       s.prefill(tokens of "</img>\n...");
//
// Preprocessing is InternVL's own video path (load_video with max_num=1): each frame is
// resized to one imageSize x imageSize tile with Pillow's Image.resize (bicubic with
// antialiasing on downscale, 8-bit fixed-point passes, reproduced bit for bit by
// resizeBicubicPil) and normalised with ImageNet mean/std. The transformers-native
// processor (InternVLVideoProcessor) resizes with torch bicubic (a = -0.75, float)
// instead, which differs by up to a few grey levels; the engine always uses the
// original InternVL resize, whatever the folder layout.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/result.h"

namespace motor::gpu {

enum class VisionNorm { LayerNorm, RmsNorm };

// Hyper-parameters of the vision tower and projector, from config.json (either folder
// layout) or from an mmproj GGUF's clip.* metadata.
struct VisionConfig {
    int imageSize = 448;  // input tile side (force_image_size)
    int patchSize = 14;
    int channels = 3;
    int dim = 0;        // vision hidden size
    int hiddenDim = 0;  // vision MLP inner size
    int layers = 0;
    int heads = 0;
    float normEps = 1e-6f;                    // vision norms (layer_norm_eps)
    VisionNorm norm = VisionNorm::LayerNorm;  // InternViT-300M: LayerNorm; 6B: RMSNorm
    bool qkNorm = false;                      // InternViT-6B qk_normalization (RMSNorm over all heads)
    bool qkvBias = true;
    bool layerScale = true;  // ls1/ls2 present
    int selectLayer = -1;    // hidden state fed to the projector (-1: last layer)
    int scaleFactor = 2;     // 1 / downsample_ratio: pixel shuffle merges 2x2 patches
    std::string psVersion = "v2";
    std::string projectorType = "internvl";  // LayerNorm, Linear, GELU, Linear
    float projectorEps = 1e-5f;
    int projectionDim = 0;  // projector output = language model hidden size
    float imageMean[3] = {0.485f, 0.456f, 0.406f};
    float imageStd[3] = {0.229f, 0.224f, 0.225f};
    std::string templateName;  // original config.json 'template' (e.g. "internvl2_5"), else empty

    int gridSize() const { return patchSize > 0 ? imageSize / patchSize : 0; }
    int patchesPerImage() const { return gridSize() * gridSize(); }
    // Language-model rows per frame: (448/14)^2 / 2^2 = 256 for InternVL-3.5.
    int tokensPerImage() const { return scaleFactor > 0 ? patchesPerImage() / (scaleFactor * scaleFactor) : 0; }
};

// Ids of InternVL's image tokens in the model's vocabulary; -1 where absent.
struct VisionTokenIds {
    int32_t imgStart = -1;    // <img>
    int32_t imgEnd = -1;      // </img>
    int32_t imgContext = -1;  // <IMG_CONTEXT>
};

// What the frames go through before the tower, for provenance records.
struct VisionPreprocessing {
    std::string resize = "pil-bicubic";  // Pillow Image.resize(BICUBIC), bit-exact
    int width = 448;
    int height = 448;
    float mean[3] = {0.485f, 0.456f, 0.406f};
    float std[3] = {0.229f, 0.224f, 0.225f};
    // e.g. "pil-bicubic 448x448, mean 0.485,0.456,0.406, std 0.229,0.224,0.225"
    std::string describe() const;
};

// One frame: width x height pixels, row-major, 3 bytes (R, G, B) per pixel; the caller
// keeps the bytes alive during encode().
struct RgbImage {
    int width = 0;
    int height = 0;
    std::span<const uint8_t> rgb;
};

// encode()'s result: frames x tokensPerImage rows of dim floats, frame after frame.
struct VisionEmbeddings {
    int frames = 0;
    int tokensPerImage = 0;
    int dim = 0;
    std::vector<float> rows;

    std::span<const float> frame(int i) const {
        return std::span<const float>(rows).subspan(size_t(i) * size_t(tokensPerImage) * size_t(dim),
                                                    size_t(tokensPerImage) * size_t(dim));
    }
};

// Intermediate results for tests and debugging.
struct VisionTrace {
    std::vector<float> towerOutput;  // frames x (patches + 1) x dim: the selected layer, class token first
    std::vector<float> projected;    // frames x tokensPerImage x projectionDim
};

class VisionEncoder {
public:
    virtual ~VisionEncoder() = default;
    virtual const VisionConfig& config() const = 0;
    virtual const VisionTokenIds& tokenIds() const = 0;
    virtual VisionPreprocessing preprocessing() const = 0;
    int tokensPerImage() const { return config().tokensPerImage(); }
    int imageSize() const { return config().imageSize; }
    int embeddingDim() const { return config().projectionDim; }

    // Resizes, normalises and encodes all frames in one batched pass. Frames of any
    // size; an empty or inconsistent frame is an error naming its index.
    virtual Result<VisionEmbeddings> encode(std::span<const RgbImage> frames) const = 0;
    // Same from already preprocessed tiles: frames x 3 x imageSize x imageSize floats
    // (channel planes, normalised), as the reference implementation's pixel_values.
    virtual Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames,
                                                  VisionTrace* trace = nullptr) const = 0;
};

// Pillow's Image.resize(size, Image.BICUBIC) on 8-bit RGB, bit for bit: separable
// two-pass convolution (horizontal first), support widened by the scale when
// downscaling (antialiasing), 22-bit fixed-point coefficients, rounding and clipping
// to 8 bits after each pass. src holds w x h x 3 bytes.
std::vector<uint8_t> resizeBicubicPil(std::span<const uint8_t> src, int w, int h, int outW, int outH);

// InternVL's tile for one frame: the PIL bicubic resize to size x size, then
// (x / 255 - mean) / std per channel, as channel planes (3 x size x size floats).
std::vector<float> preprocessInternVL(const RgbImage& frame, int size, const float mean[3], const float std[3]);

// VisionEncoder::encode()'s input checks and preprocessing: every frame's tile
// (preprocessInternVL with the config's size, mean and std), frames x 3 x S x S floats.
Result<std::vector<float>> preprocessFrames(const VisionConfig& config, std::span<const RgbImage> frames);

// InternVL's load_video frame choice (get_index with bound=None): numSegments frames
// spread evenly over [0, frameCount - 1], each the middle of its segment.
std::vector<int> internvlFrameIndices(int frameCount, int numSegments);

}  // namespace motor::gpu
