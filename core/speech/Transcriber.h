#pragma once
// Transcripts from the recording itself: a recording's audio through a Whisper model on
// the local engine or on an OpenAI-compatible server (/v1/audio/transcriptions), written
// as its transcript in one transaction (issue 15). Nothing is written until the whole
// recording is transcribed, so a cancelled or killed run leaves the project as it was.
#include <QJsonObject>
#include <QString>
#include <functional>

#include "core/agents/LanguageModel.h"
#include "core/io/TranscriptImporter.h"
#include "core/speech/ServerTranscriber.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::speech {

enum class SpeechBackend {
    Local,   // the built-in engine (gpu/)
    OpenAi,  // an OpenAI-compatible server's /v1/audio/transcriptions
};

struct TranscribeOptions {
    QString mediaPath;  // a recording of the project (as stored, or its absolute path)
    SpeechBackend backend = SpeechBackend::Local;
    // Local: Whisper folder / whisper.cpp ggml file, or a name in the models folder.
    QString model;
    // OpenAi: the server, the model name it serves, timeouts and retries (its language
    // is taken from `language`).
    ServerTranscriptionOptions server;
    // OpenAi: the recording's audio goes to a host that is not this machine only after
    // a yes from here (the CLI's --allow-remote-audio, a check box in the app); empty: refused.
    std::function<bool(const QString& host)> confirmRemoteAudio;
    QString language;  // "fi", "en", ... or empty / "auto" to detect
    io::TranscriptMerge merge = io::TranscriptMerge::IfEmpty;
    int threads = 0;            // local: 0, all cores
    int beamSize = 5;           // local: 1, greedy
    bool voiceActivity = true;  // local: skip silence before the model sees it
    // Audio covered so far, of the whole; etaSeconds < 0 until known.
    std::function<void(int64_t doneMs, int64_t totalMs, double etaSeconds)> progress;
    const agents::CancelFlag* cancel = nullptr;
};

struct TranscribeReport {
    io::TranscriptImportReport written;
    QString language;  // detected or given
    int64_t durationMs = 0;
    int windows = 0;         // local: 30 s windows decoded
    int silentSegments = 0;  // openai: segments dropped as no speech (no_speech_prob)
    double seconds = 0;      // wall time of recognition
    QJsonObject provenance;  // model path, format, content hash, options
};

Result<TranscribeReport> transcribeRecording(Project& project, const TranscribeOptions& options);

// Where a recording's transcript came from (the last transcribeRecording); empty when
// it was imported or typed.
Result<QJsonObject> transcriptProvenance(Project& project, const QString& mediaPath);

}  // namespace motor::speech
