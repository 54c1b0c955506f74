#pragma once
// The SQLite database files this process has open, by device and inode.
//
// SQLite's POSIX locks belong to the process, not to a file descriptor: closing any
// descriptor of a database file drops every lock the process holds on it, and another
// process may then delete the WAL this process is still writing to ("How To Corrupt An
// SQLite Database File", section 2.2). So nothing in MOTOR Studio may open and close a
// database file (or its -wal, -shm, -journal companions) with plain file I/O while a
// connection to it may be open. core/store registers every connection here, and every
// place that opens a user-chosen file raw (media probing, hashing, transcript and label
// readers, atomic writers) asks first and refuses such a file with a clear message.
#include <QString>
#include <cstdint>

#include "core/util/Result.h"

namespace motor::util {

struct FileId {
    uint64_t device = 0;
    uint64_t inode = 0;
    bool valid() const { return device != 0 || inode != 0; }
    friend bool operator==(const FileId&, const FileId&) = default;
};

class LiveDatabaseFiles {
public:
    // Device and inode of path (without opening it); invalid when it does not exist.
    static FileId idOf(const QString& path);
    // Registered per connection; a file stays live until its last connection closes.
    static void add(const FileId& id);
    static void remove(const FileId& id);
    // path is an open database of this process, or its -wal, -shm or -journal file.
    static bool contains(const QString& path);
    // An error naming path when contains(path); `what` says what the caller wanted
    // ("a recording", "a transcript").
    static Status refuse(const QString& path, const QString& what);
};

}  // namespace motor::util
