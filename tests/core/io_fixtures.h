#pragma once
// Shared helpers of the io_* tests: a fresh project in a temporary folder, small
// synthetic recordings, and a snapshot of everything a failed import must not change.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <memory>

#include "core/media/SyntheticVideoWriter.h"
#include "core/model/Codebook.h"
#include "core/store/Project.h"

namespace motor::io::test {

inline void writeText(const QString& path, const QString& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    f.write(text.toUtf8());
}

inline void writeVideo(const QString& path, int64_t durationMs, uint64_t seed = 1) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    media::SyntheticVideoSpec spec;
    spec.width = 160;
    spec.height = 96;
    spec.fps = 10;
    spec.durationMs = durationMs;
    spec.seed = seed;
    spec.tracks = media::SyntheticTracks::VideoOnly;
    auto r = media::SyntheticVideoWriter::write(path, spec);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
}

// Everything an import may touch, in a comparable form.
struct ProjectSnapshot {
    ProjectCounts counts;
    QStringList rows;
    bool operator==(const ProjectSnapshot& o) const {
        return counts.media == o.counts.media && counts.clips == o.counts.clips &&
               counts.utterances == o.counts.utterances && counts.annotators == o.counts.annotators &&
               counts.annotations == o.counts.annotations && rows == o.rows;
    }
};

inline ProjectSnapshot snapshot(Project& p) {
    ProjectSnapshot s;
    auto counts = p.counts();
    EXPECT_TRUE(counts.ok());
    if (counts) s.counts = *counts;
    if (auto media = p.media(); media.ok())
        for (const auto& m : *media) {
            s.rows.append(QStringLiteral("media %1 %2 %3").arg(m.id).arg(m.path, m.contentHash));
            if (auto us = p.utterances(m.id, 0, INT64_MAX); us.ok())
                for (const auto& u : *us)
                    s.rows.append(QStringLiteral("utt %1 %2 %3 %4").arg(u.startMs).arg(u.endMs).arg(u.speaker, u.text));
        }
    if (auto clips = p.clips(); clips.ok())
        for (const auto& c : *clips)
            s.rows.append(QStringLiteral("clip %1 %2 %3 %4").arg(c.key).arg(c.mediaId).arg(c.startMs).arg(c.endMs));
    if (auto anns = p.annotators(); anns.ok())
        for (const auto& a : *anns) s.rows.append(QStringLiteral("annotator %1 %2").arg(a.id).arg(a.name));
    if (auto labels = p.annotations(); labels.ok())
        for (const auto& a : *labels)
            s.rows.append(QStringLiteral("label %1 %2 %3 %4 %5")
                              .arg(a.clipId)
                              .arg(a.annotatorId)
                              .arg(a.dimension, a.label, a.note));
    return s;
}

class IoProjectTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        auto p = Project::create(dir.filePath(QStringLiteral("study.motor")), Codebook::motorDefault());
        ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
        project = std::move(p.value());
    }
    QString path(const QString& rel) const { return dir.filePath(rel); }

    QTemporaryDir dir;
    std::unique_ptr<Project> project;
};

}  // namespace motor::io::test
