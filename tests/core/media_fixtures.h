#pragma once
// Fixtures for the media tests, generated with SyntheticVideoWriter. Clips shared by
// several tests are written once per process into one QTemporaryDir.
#include <gtest/gtest.h>

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/media/FrameSampler.h"
#include "core/media/PcmAudio.h"
#include "core/media/SyntheticScene.h"
#include "core/media/SyntheticVideoWriter.h"

namespace motor::media::testing {

inline QTemporaryDir& sharedMediaDir() {
    static QTemporaryDir dir;
    return dir;
}

// Writes `spec` to `name` in the shared dir unless it is there already.
inline QString sharedClip(const QString& name, const SyntheticVideoSpec& spec) {
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
inline QString standardClip() {
    SyntheticVideoSpec spec;
    spec.width = 320;
    spec.height = 240;
    spec.fps = 25;
    spec.durationMs = 6000;
    spec.seed = 7;
    return sharedClip(QStringLiteral("standard.mp4"), spec);
}

inline QString audioOnlyClip() {
    SyntheticVideoSpec spec;
    spec.durationMs = 3000;
    spec.tracks = SyntheticTracks::AudioOnly;
    spec.audioChannels = 1;
    spec.audioSampleRate = 44100;
    return sharedClip(QStringLiteral("audio-only.m4a"), spec);
}

// count frames of [startMs, endMs] at the standard clip's own 320x240, stretched.
inline SampleRequest stretchRequest(std::int64_t startMs, std::int64_t endMs, int count) {
    SampleRequest r;
    r.startMs = startMs;
    r.endMs = endMs;
    r.count = count;
    r.width = 320;
    r.height = 240;
    r.fit = FitMode::Stretch;
    return r;
}

struct Correlation {
    double value = 0.0;            // normalised cross-correlation at lag 0
    double referenceEnergy = 0.0;  // sum of squares of the rendered reference
};

// The left channel of interleaved float PCM against the standard clip's soundtrack as
// SyntheticScene renders it from source time sourceStartMs: AAC is lossy but keeps the
// waveform, so a high value means the samples are aligned with the source.
inline Correlation correlateWithStandardSoundtrack(const PcmAudio& pcm, std::int64_t sourceStartMs) {
    const SyntheticScene scene(320, 240, 7);
    std::vector<std::vector<float>> planes(2);
    scene.renderAudio(sourceStartMs * 48, static_cast<int>(pcm.frameCount()), 48000, planes);
    double dot = 0, a2 = 0, b2 = 0;
    for (std::int64_t i = 0; i < pcm.frameCount(); ++i) {
        const double a = pcm.floats()[2 * i];
        const double b = planes[0][static_cast<std::size_t>(i)];
        dot += a * b;
        a2 += a * a;
        b2 += b * b;
    }
    return {dot / std::sqrt(a2 * b2), b2};
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

inline bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

}  // namespace motor::media::testing
