#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "formats/gguf_model.h"
#include "formats/hf_model.h"
#include "formats/whisper_weights.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

Result<std::string> findMmprojBeside(const std::string& ggufPath) {
    const size_t slash = ggufPath.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "." : ggufPath.substr(0, slash == 0 ? 1 : slash);
    const std::string self = slash == std::string::npos ? ggufPath : ggufPath.substr(slash + 1);
    DIR* dir = ::opendir(folder.c_str());
    if (dir == nullptr) return std::string();
    std::vector<std::string> found;
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        const std::string l = lower(name);
        if (name == self || l.rfind("mmproj", 0) != 0 || l.size() < 5 || l.compare(l.size() - 5, 5, ".gguf") != 0)
            continue;
        struct stat st {};
        const std::string full = (folder == "/" ? "" : folder) + "/" + name;
        if (::stat(full.c_str(), &st) == 0 && S_ISREG(st.st_mode)) found.push_back(full);
    }
    ::closedir(dir);
    if (found.size() <= 1) return found.empty() ? std::string() : found[0];
    std::sort(found.begin(), found.end());
    std::string list;
    for (const auto& f : found) list += (list.empty() ? "" : ", ") + f;
    return makeError(ggufPath + ": several mmproj files beside the model (" + list + "); name one explicitly");
}

Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path, const OpenOptions& options) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return makeError(path + ": no such file or folder");
    if (S_ISDIR(st.st_mode)) {
        if (!options.mmproj.empty())
            return makeError(options.mmproj + ": an mmproj file goes with a .gguf model, not with the folder " + path);
        if (formats::isWhisperFolder(path)) return formats::openWhisperFolder(path);
        return formats::HfModel::open(path);
    }
    if (formats::isWhisperGgml(path)) return formats::openWhisperGgml(path);
    std::string mmproj = options.mmproj;
    if (mmproj.empty() && options.autoMmproj) {
        auto found = findMmprojBeside(path);
        if (!found) return found.error();
        mmproj = found.value();
    }
    return formats::GgufModel::open(path, mmproj);
}

Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path) {
    return openModel(path, OpenOptions{});
}

}  // namespace motor::gpu
