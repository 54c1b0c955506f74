#pragma once
// Builds small projects for tests: real SQLite files in a temporary folder.
#include <QString>
#include <memory>

#include "core/store/Project.h"

namespace motor::test {

// A project with `clips` clips on one media record (no real media file) and the MOTOR
// codebook. Clip keys are "c001", "c002", ...
std::unique_ptr<Project> makeProject(const QString& path, int clips);
QByteArray fileSha256(const QString& path);

}  // namespace motor::test
