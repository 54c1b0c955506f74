#pragma once
// Fixtures for the media tests, generated with SyntheticVideoWriter. Clips shared by
// several tests are written once per process into one QTemporaryDir.
#include "core/media/SyntheticVideoWriter.h"

#include <gtest/gtest.h>

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>

namespace motor::media::testing {

inline QTemporaryDir& sharedMediaDir()
{
    static QTemporaryDir dir;
    return dir;
}

// Writes `spec` to `name` in the shared dir unless it is there already.
inline QString sharedClip(const QString& name, const SyntheticVideoSpec& spec)
{
    const QString path = sharedMediaDir().filePath(name);
    if (QFile::exists(path)) return path;
    auto written = SyntheticVideoWriter::write(path, spec);
    if (!written) {
        ADD_FAILURE() << "fixture " << name.toStdString() << ": " << written.error().message.toStdString();
        return {};
    }
    return path;
}

// 6 s, 320x240, 25 fps, keyframe every 2 s, H.264 + AAC stereo 48 kHz.
inline QString standardClip()
{
    SyntheticVideoSpec spec;
    spec.width = 320;
    spec.height = 240;
    spec.fps = 25;
    spec.durationMs = 6000;
    spec.seed = 7;
    return sharedClip(QStringLiteral("standard.mp4"), spec);
}

inline QString audioOnlyClip()
{
    SyntheticVideoSpec spec;
    spec.durationMs = 3000;
    spec.tracks = SyntheticTracks::AudioOnly;
    spec.audioChannels = 1;
    spec.audioSampleRate = 44100;
    return sharedClip(QStringLiteral("audio-only.m4a"), spec);
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

inline bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

}  // namespace motor::media::testing
