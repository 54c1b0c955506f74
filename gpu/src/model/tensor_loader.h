#pragma once
// Kernel-ready views of a ModelWeights' tensors, each checked (presence, shape, dtype,
// byte count) so a bad file fails at load with the tensor's name, never later. Used by
// the decoder and the vision tower loaders.
#include <string>
#include <vector>

#include "cpu/block_decode.h"
#include "cpu/matmul.h"
#include "formats/try.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

namespace loader_detail {

inline std::string shapeText(const std::vector<int64_t>& shape) {
    std::string s = "{";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "}";
}

class Loader {
public:
    // file names the tensors' file in errors (default: the model's path).
    explicit Loader(const ModelWeights& w, std::string file = {})
        : w_(w), file_(file.empty() ? w.path() : std::move(file)) {}

    Result<const TensorView*> tensor(const std::string& name, std::vector<int64_t> shape) {
        const TensorView* t = w_.find(name);
        if (!t) return makeError(file_ + ": missing tensor " + name);
        if (t->shape != shape)
            return makeError(file_ + ": tensor " + name + " has shape " + shapeText(t->shape) + ", expected " +
                             shapeText(shape));
        if (!t->data) return makeError(file_ + ": tensor " + name + " has no data");
        return t;
    }

    Result<cpu::WeightMatrix> matrix(const std::string& name, int64_t rows, int64_t cols) {
        return matrixShaped(name, {rows, cols}, rows, cols);
    }

    // A tensor of the given shape read as a rows x cols matrix (a conv kernel
    // {out, in, kh, kw} as out x in*kh*kw).
    Result<cpu::WeightMatrix> matrixShaped(const std::string& name, std::vector<int64_t> shape, int64_t rows,
                                           int64_t cols) {
        auto t = tensor(name, std::move(shape));
        if (!t) return t.error();
        const TensorView& v = **t;
        const int64_t block = cpu::blockElements(v.dtype);
        if (cols % block != 0)
            return makeError(file_ + ": tensor " + name + " (" + dtypeName(v.dtype) + ") has " + std::to_string(cols) +
                             " columns, not a multiple of its block size " + std::to_string(block));
        cpu::WeightMatrix m{v.dtype, v.data, rows, cols, cpu::rowBytes(v.dtype, cols)};
        if (v.bytes < m.rowBytes * rows)
            return makeError(file_ + ": tensor " + name + " holds " + std::to_string(v.bytes) + " bytes, needs " +
                             std::to_string(m.rowBytes * rows));
        return m;
    }

    // Norm weights and biases: small vectors, converted to fp32 once.
    Result<std::vector<float>> vector(const std::string& name, int64_t n) {
        auto t = tensor(name, {n});
        if (!t) return t.error();
        const TensorView& v = **t;
        if (v.dtype != DType::F32 && v.dtype != DType::F16 && v.dtype != DType::BF16)
            return makeError(file_ + ": tensor " + name + " must be F32, F16 or BF16, is " + dtypeName(v.dtype));
        if (v.bytes < cpu::rowBytes(v.dtype, n)) return makeError(file_ + ": tensor " + name + " is truncated");
        std::vector<float> out(static_cast<size_t>(n));
        cpu::decodeRow(v.dtype, v.data, n, out.data());
        return out;
    }

    // A parameter of count elements whatever its leading 1s ([1, N, C]), as fp32.
    Result<std::vector<float>> flat(const std::string& name, int64_t count) {
        const TensorView* t = w_.find(name);
        if (!t) return makeError(file_ + ": missing tensor " + name);
        if (t->elements() != count)
            return makeError(file_ + ": tensor " + name + " has shape " + shapeText(t->shape) + ", expected " +
                             std::to_string(count) + " elements");
        if (!t->data || (t->dtype != DType::F32 && t->dtype != DType::F16 && t->dtype != DType::BF16) ||
            t->bytes < cpu::rowBytes(t->dtype, count))
            return makeError(file_ + ": tensor " + name + " must hold " + std::to_string(count) +
                             " F32, F16 or BF16 values");
        std::vector<float> out(static_cast<size_t>(count));
        cpu::decodeRow(t->dtype, t->data, count, out.data());
        return out;
    }

private:
    const ModelWeights& w_;
    std::string file_;
};

}  // namespace loader_detail

}  // namespace motor::gpu
