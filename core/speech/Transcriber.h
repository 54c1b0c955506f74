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

// What a transcription is busy with, for a progress line or bar.
enum class TranscribeStage {
    Uploading,           // openai: the audio goes to the server (sentBytes of totalBytes)
    ServerTranscribing,  // openai: all of it is there; the server answers when it is done
    Recognizing,         // local: the model works through the audio (doneMs of totalMs)
};

struct TranscribeProgress {
    TranscribeStage stage = TranscribeStage::Recognizing;
    int64_t doneMs = 0;  // audio covered so far, of the whole recording
    int64_t totalMs = 0;
    double etaSeconds = -1;  // Recognizing, Uploading: < 0 until known (util::RemainingTime)
    int64_t sentBytes = 0;   // Uploading: the request's bytes sent so far, of the whole; they
    int64_t totalBytes = 0;  // only grow (a retried request starts again at 0)
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
    // How the refusal says to give that yes; empty: the CLI's flags (--allow-remote-audio,
    // --backend local). The app names its check box instead.
    QString howToAllowRemoteAudio;
    QString language;  // "fi", "en", ... or empty / "auto" to detect
    io::TranscriptMerge merge = io::TranscriptMerge::IfEmpty;
    int threads = 0;                          // local: 0, all cores
    QString device = QStringLiteral("auto");  // local: auto (the GPU when it can), cpu or cuda
    int beamSize = 5;                         // local: 1, greedy
    bool voiceActivity = true;                // local: skip silence before the model sees it
    // Called on the calling thread as the work goes on.
    std::function<void(const TranscribeProgress&)> progress;
    const agents::CancelFlag* cancel = nullptr;
};

struct TranscribeReport {
    io::TranscriptImportReport written;
    QString language;  // detected or given
    int64_t durationMs = 0;
    int windows = 0;         // local: 30 s windows decoded
    int silentSegments = 0;  // openai: segments dropped as no speech (no_speech_prob)
    double seconds = 0;      // wall time of recognition
    // local: what ran the model ("cuda: NVIDIA H200 ...", "cpu (avx2, 2 threads)") and,
    // when auto stayed on the CPU, why ("...; the GPU was not used: cuda: ...").
    QString device;
    QJsonObject provenance;  // model path, format, content hash, options
};

Result<TranscribeReport> transcribeRecording(Project& project, const TranscribeOptions& options);

// Where a recording's transcript came from (the last transcribeRecording); empty when
// it was imported or typed.
Result<QJsonObject> transcriptProvenance(Project& project, const QString& mediaPath);

}  // namespace motor::speech
