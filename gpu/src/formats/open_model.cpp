#include <sys/stat.h>

#include "formats/gguf_model.h"
#include "formats/hf_model.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return makeError(path + ": no such file or folder");
    if (S_ISDIR(st.st_mode)) return formats::HfModel::open(path);
    return formats::GgufModel::open(path);
}

}  // namespace motor::gpu
