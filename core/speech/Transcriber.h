#pragma once
// Transcripts from the recording itself: a recording's audio through a Whisper model on
// the local engine, written as its transcript in one transaction (issue 15). Nothing is
// written until the whole recording is transcribed, so a cancelled or killed run leaves
// the project as it was.
#include <QJsonObject>
#include <QString>
#include <atomic>
#include <functional>

#include "core/io/TranscriptImporter.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::speech {

struct TranscribeOptions {
    QString mediaPath;  // a recording of the project (as stored, or its absolute path)
    QString model;      // Whisper folder / whisper.cpp ggml file, or a name in the models folder
    QString language;   // "fi", "en", ... or empty / "auto" to detect
    io::TranscriptMerge merge = io::TranscriptMerge::IfEmpty;
    int threads = 0;            // 0: all cores
    int beamSize = 5;           // 1: greedy
    bool voiceActivity = true;  // skip silence before the model sees it
    // Audio covered so far, of the whole; etaSeconds < 0 until known.
    std::function<void(int64_t doneMs, int64_t totalMs, double etaSeconds)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct TranscribeReport {
    io::TranscriptImportReport written;
    QString language;  // detected or given
    int64_t durationMs = 0;
    int windows = 0;
    double seconds = 0;      // wall time of recognition
    QJsonObject provenance;  // model path, format, content hash, options
};

Result<TranscribeReport> transcribeRecording(Project& project, const TranscribeOptions& options);

// Where a recording's transcript came from (the last transcribeRecording); empty when
// it was imported or typed.
Result<QJsonObject> transcriptProvenance(Project& project, const QString& mediaPath);

}  // namespace motor::speech
