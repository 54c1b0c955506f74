#include "formats/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace motor::gpu::formats {

namespace {

// Closes the descriptor on every path out of open(); the mapping outlives it.
struct FdGuard {
    int fd = -1;
    ~FdGuard() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
    FdGuard guard;
    guard.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (guard.fd < 0) return makeError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(guard.fd, &st) != 0) return makeError(path + ": cannot stat: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) return makeError(path + ": not a regular file");
    MappedFile file;
    file.path_ = path;
    file.size_ = static_cast<uint64_t>(st.st_size);
    if (file.size_ == 0) return file;  // mmap rejects length 0; an empty view is enough
    void* p = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE, guard.fd, 0);
    if (p == MAP_FAILED) return makeError(path + ": cannot map: " + std::strerror(errno));
    file.data_ = static_cast<const std::byte*>(p);
    return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : path_(std::move(other.path_)), data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        release();
        path_ = std::move(other.path_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

MappedFile::~MappedFile() {
    release();
}

void MappedFile::release() {
    if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
    data_ = nullptr;
    size_ = 0;
}

}  // namespace motor::gpu::formats
