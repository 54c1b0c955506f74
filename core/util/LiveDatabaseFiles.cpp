#include "core/util/LiveDatabaseFiles.h"

#include <sys/stat.h>

#include <QFile>
#include <mutex>
#include <vector>

namespace motor::util {

namespace {

struct Entry {
    FileId id;
    int connections = 0;
};

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}

std::vector<Entry>& registry() {
    static std::vector<Entry> entries;
    return entries;
}

bool isRegistered(const FileId& id) {
    if (!id.valid()) return false;
    std::lock_guard lock(registryMutex());
    for (const Entry& e : registry())
        if (e.id == id) return true;
    return false;
}

}  // namespace

FileId LiveDatabaseFiles::idOf(const QString& path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return {};
    return {uint64_t(st.st_dev), uint64_t(st.st_ino)};
}

void LiveDatabaseFiles::add(const FileId& id) {
    if (!id.valid()) return;
    std::lock_guard lock(registryMutex());
    for (Entry& e : registry())
        if (e.id == id) {
            ++e.connections;
            return;
        }
    registry().push_back({id, 1});
}

void LiveDatabaseFiles::remove(const FileId& id) {
    if (!id.valid()) return;
    std::lock_guard lock(registryMutex());
    auto& entries = registry();
    for (size_t i = 0; i < entries.size(); ++i)
        if (entries[i].id == id && --entries[i].connections == 0) {
            entries.erase(entries.begin() + std::ptrdiff_t(i));
            return;
        }
}

bool LiveDatabaseFiles::contains(const QString& path) {
    if (isRegistered(idOf(path))) return true;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const QLatin1String s(suffix);
        if (path.endsWith(s) && isRegistered(idOf(path.chopped(s.size())))) return true;
    }
    return false;
}

Status LiveDatabaseFiles::refuse(const QString& path, const QString& what) {
    if (!contains(path)) return {};
    return makeError(
        QStringLiteral("%1: is the database of an open project, not %2; it was not opened").arg(path, what));
}

}  // namespace motor::util
