#include <string_view>

#include "formats/json_value.h"
#include "formats/mapped_file.h"

namespace motor::gpu::formats {

Result<JsonValue> readJsonFile(const std::string& path) {
    auto file = MappedFile::open(path);
    if (!file) return file.error();
    const std::string_view text(reinterpret_cast<const char*>(file->data()), static_cast<size_t>(file->size()));
    return JsonValue::parse(text, path);
}

}  // namespace motor::gpu::formats
