// `transcribe --backend openai`: a recording's audio through an OpenAI-compatible
// /v1/audio/transcriptions endpoint. The server is the test double of the chat backend
// (tests/core/support/ChatServer.h), which reads the multipart upload and answers in the
// published verbose_json format or fails on demand (or stops reading an upload part-way).
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTimer>
#include <QtEndian>
#include <algorithm>

#include "agents_fixture.h"
#include "core/io/MediaImporter.h"
#include "core/io/TranscriptImporter.h"
#include "core/media/SyntheticVideoWriter.h"
#include "core/speech/Transcriber.h"
#include "core/support/ChatServer.h"
#include "io_fixtures.h"

using namespace motor;
using namespace motor::io;
using motor::test::ChatServer;
using motor::test::Reply;
using motor::test::verboseJson;

namespace {

class SpeechServer : public io::test::IoProjectTest {
protected:
    void SetUp() override {
        motor::test::ensureCoreApp();
        IoProjectTest::SetUp();
        media::SyntheticVideoSpec spec;
        spec.durationMs = 3000;
        spec.width = 160;
        spec.height = 96;
        spec.fps = 10;
        spec.audioChannels = 2;
        spec.audioSampleRate = 44100;
        recording = path(QStringLiteral("media/talk.mp4"));
        QDir().mkpath(path(QStringLiteral("media")));
        auto w = media::SyntheticVideoWriter::write(recording, spec);
        ASSERT_TRUE(w.ok()) << w.error().message.toStdString();
        auto imported = MediaImporter::importMedia(*project, {recording}, {ClipPolicy::NoClips});
        ASSERT_TRUE(imported.ok()) << imported.error().message.toStdString();
    }

    speech::TranscribeOptions serverOptions(const QUrl& url) const {
        speech::TranscribeOptions o;
        o.mediaPath = recording;
        o.backend = speech::SpeechBackend::OpenAi;
        o.server.url = url;
        o.server.retries = 0;
        o.server.backoffMs = 10;
        return o;
    }

    QVector<Utterance> utterances() {
        auto m = MediaImporter::findMedia(*project, recording);
        EXPECT_TRUE(m.ok());
        return project->utterances(m->id, 0, std::numeric_limits<int64_t>::max()).value();
    }

    // One typed utterance the failing runs must leave alone.
    void addTypedUtterance() {
        Utterance u;
        u.startMs = 100;
        u.endMs = 900;
        u.text = QStringLiteral("Typed by hand");
        ASSERT_TRUE(TranscriptImporter::attachUtterances(*project, recording, {u}, TranscriptMerge::Add).ok());
    }

    QString recording;
};

}  // namespace

TEST_F(SpeechServer, SegmentsLandInTheProjectThroughTheImportPath) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.0, 1.24, QStringLiteral(" Mitä tässä pitää tehdä?")},
                                       {1.3, 1.9, QStringLiteral(" ..."), 0.93, -1.7},  // silence, dropped
                                       {2.0, 2.96, QStringLiteral(" Äänestetään.")}},
                                      QStringLiteral("finnish"), 3.0)};
    };
    auto o = serverOptions(server.url());
    o.server.model = QStringLiteral("whisper-large-v3");
    o.server.apiKey = QStringLiteral("sekret");
    o.language = QStringLiteral("fi");
    auto r = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();

    // The published request: one multipart/form-data POST with the WAV file and the fields.
    ASSERT_EQ(server.requests.size(), 1);
    EXPECT_EQ(server.postPaths.value(0), QStringLiteral("/v1/audio/transcriptions"));
    const QJsonObject form = server.requests.first();
    EXPECT_EQ(form.value("model").toString(), QStringLiteral("whisper-large-v3"));
    EXPECT_EQ(form.value("response_format").toString(), QStringLiteral("verbose_json"));
    EXPECT_EQ(form.value("language").toString(), QStringLiteral("fi"));
    EXPECT_EQ(form.value("file").toObject().value("content_type").toString(), QStringLiteral("audio/wav"));
    EXPECT_TRUE(server.headers.first().contains("Authorization: Bearer sekret"));
    // 16 kHz mono 16-bit WAV of the whole 3 s recording.
    ASSERT_EQ(server.uploads.size(), 1);
    const QByteArray wav = server.uploads.first();
    ASSERT_GE(wav.size(), 44);
    EXPECT_TRUE(wav.startsWith("RIFF") && wav.mid(8, 4) == "WAVE");
    EXPECT_EQ(qFromLittleEndian<quint16>(wav.constData() + 22), 1);       // channels
    EXPECT_EQ(qFromLittleEndian<quint32>(wav.constData() + 24), 16000u);  // sample rate
    EXPECT_EQ(qFromLittleEndian<quint16>(wav.constData() + 34), 16);      // bits
    EXPECT_EQ(qFromLittleEndian<quint32>(wav.constData() + 40), 3 * 16000u * 2);
    EXPECT_EQ(wav.size(), 44 + 3 * 16000 * 2);

    const auto us = utterances();
    ASSERT_EQ(us.size(), 2);
    EXPECT_EQ(us[0].startMs, 0);
    EXPECT_EQ(us[0].endMs, 1240);
    EXPECT_EQ(us[0].text, QStringLiteral("Mitä tässä pitää tehdä?"));
    EXPECT_EQ(us[0].language, QStringLiteral("fi"));
    EXPECT_EQ(us[1].startMs, 2000);
    EXPECT_EQ(us[1].endMs, 2960);
    EXPECT_EQ(r->written.added, 2);
    EXPECT_EQ(r->silentSegments, 1);
    auto provenance = speech::transcriptProvenance(*project, recording);
    ASSERT_TRUE(provenance.ok());
    EXPECT_EQ(provenance->value("backend").toString(), QStringLiteral("openai"));
    EXPECT_EQ(provenance->value("model").toString(), QStringLiteral("whisper-large-v3"));
    EXPECT_TRUE(provenance->value("url").toString().endsWith("/v1/audio/transcriptions"));
}

TEST_F(SpeechServer, DetectedLanguageAndTheSameMergeRulesAsImport) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.5, 1.5, QStringLiteral(" Hello there.")}}, QStringLiteral("english"))};
    };
    addTypedUtterance();
    // A transcript is never replaced silently, and nothing is sent before asking.
    auto refused = speech::transcribeRecording(*project, serverOptions(server.url()));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains("has a transcript already"));
    EXPECT_TRUE(server.requests.isEmpty());

    auto o = serverOptions(server.url());
    o.merge = TranscriptMerge::Add;  // no language: the server's answer names it
    auto added = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_FALSE(server.requests.first().contains("language"));
    EXPECT_EQ(added->language, QStringLiteral("en"));
    ASSERT_EQ(utterances().size(), 2);
    o.merge = TranscriptMerge::Replace;
    auto replaced = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(replaced.ok());
    EXPECT_EQ(replaced->written.replaced, 2);
    const auto us = utterances();
    ASSERT_EQ(us.size(), 1);
    EXPECT_EQ(us[0].text, QStringLiteral("Hello there."));
    EXPECT_EQ(us[0].language, QStringLiteral("en"));
}

TEST_F(SpeechServer, ServerFailuresNameTheUrlAndLeaveTheProjectUnchanged) {
    addTypedUtterance();
    struct Case {
        const char* what;
        Reply reply;
        const char* expected;
    };
    const QList<Case> cases{
        {"500", Reply{500, R"({"error":{"message":"CUDA out of memory","type":"server_error"}})"},
         "HTTP 500: CUDA out of memory"},
        {"malformed JSON", Reply{200, "{\"segments\": [ {\"start\": 0, "}, "the reply is not JSON"},
        {"no segments", Reply{200, R"({"text": "plain json answer"})"}, "has no \"segments\""},
        {"bad segment", Reply{200, R"({"segments": [{"start": "zero", "end": 1, "text": "x"}]})"}, "segment 0"},
        {"negative time", Reply{200, R"({"segments": [{"start": -1, "end": 1, "text": "x"}]})"}, "negative time"},
        {"404", Reply{404, R"({"detail":"Not Found"})"}, "does not serve /v1/audio/transcriptions"},
        {"timeout", Reply{200, verboseJson({{0, 1, "late"}}), 3000}, "no reply within 300 ms"},
        {"hang-up", Reply{200, {}, 0, true}, "is the server running"},
    };
    for (const Case& c : cases) {
        ChatServer server;
        server.handler = [&](const QJsonObject&, const QByteArray&, int) { return c.reply; };
        auto o = serverOptions(server.url());
        o.merge = TranscriptMerge::Replace;
        o.server.timeoutMs = 300;
        auto r = speech::transcribeRecording(*project, o);
        ASSERT_FALSE(r.ok()) << c.what;
        const QString endpoint = server.url().toString() + QStringLiteral("/audio/transcriptions");
        EXPECT_TRUE(r.error().message.contains(endpoint)) << c.what << ": " << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QLatin1String(c.expected)))
            << c.what << ": " << r.error().message.toStdString();
        const auto us = utterances();
        ASSERT_EQ(us.size(), 1) << c.what;
        EXPECT_EQ(us[0].text, QStringLiteral("Typed by hand"));
        EXPECT_TRUE(speech::transcriptProvenance(*project, recording)->isEmpty()) << c.what;
    }
}

TEST_F(SpeechServer, ABusyServerIsAskedAgain) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int n) {
        if (n == 1) return Reply{503, R"({"error":{"message":"Loading model"}})", 0, false, "0"};
        return Reply{200, verboseJson({{0.0, 1.0, QStringLiteral(" Yes.")}})};
    };
    auto o = serverOptions(server.url());
    o.server.retries = 1;
    auto r = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(server.requests.size(), 2);
    EXPECT_EQ(utterances().size(), 1);
}

TEST_F(SpeechServer, AudioGoesToAnotherMachineOnlyWithConsent) {
    addTypedUtterance();
    // TEST-NET-1 (RFC 5737): never reached, since the refusal comes before any request.
    const QUrl remote(QStringLiteral("http://192.0.2.7:8000/v1"));
    auto o = serverOptions(remote);
    o.merge = TranscriptMerge::Replace;
    auto refused = speech::transcribeRecording(*project, o);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains("192.0.2.7")) << refused.error().message.toStdString();
    EXPECT_TRUE(refused.error().message.contains("--allow-remote-audio")) << refused.error().message.toStdString();
    QStringList asked;
    o.confirmRemoteAudio = [&](const QString& host) {
        asked << host;
        return false;
    };
    auto no = speech::transcribeRecording(*project, o);
    ASSERT_FALSE(no.ok());
    EXPECT_EQ(asked, QStringList{QStringLiteral("192.0.2.7")});
    EXPECT_EQ(utterances().size(), 1);

    // The same rule as for frames: a loopback server needs no yes.
    ChatServer local;
    local.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.0, 1.0, QStringLiteral(" Local.")}})};
    };
    QUrl byName = local.url();
    byName.setHost(QStringLiteral("localhost"));
    o.server.url = byName;
    asked.clear();
    auto yes = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(yes.ok()) << yes.error().message.toStdString();
    EXPECT_TRUE(asked.isEmpty());
}

TEST_F(SpeechServer, CancelWhileTheServerWorksLeavesTheProjectUnchanged) {
    addTypedUtterance();
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.0, 1.0, QStringLiteral(" Too late.")}}), 5000};
    };
    agents::CancelFlag cancel;
    auto o = serverOptions(server.url());
    o.merge = TranscriptMerge::Replace;
    o.cancel = &cancel;
    QTimer::singleShot(200, [&] { cancel.cancel(); });
    QElapsedTimer t;
    t.start();
    auto r = speech::transcribeRecording(*project, o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(isCancelled(r.error())) << r.error().message.toStdString();
    EXPECT_LT(t.elapsed(), 3000);
    ASSERT_EQ(utterances().size(), 1);
    EXPECT_EQ(utterances()[0].text, QStringLiteral("Typed by hand"));
}

namespace {
qint64 contentLength(const QByteArray& head) {
    for (const QByteArray& line : head.split('\n'))
        if (line.toLower().startsWith("content-length:")) return line.mid(15).trimmed().toLongLong();
    return -1;
}
}  // namespace

TEST_F(SpeechServer, UploadProgressRisesToTheWholeRequestThenTheServerWorks) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.0, 1.0, QStringLiteral(" Yes.")}})};
    };
    auto o = serverOptions(server.url());
    QVector<speech::TranscribeProgress> seen;
    o.progress = [&](const speech::TranscribeProgress& p) { seen << p; };
    auto r = speech::transcribeRecording(*project, o);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(server.headers.size(), 1);
    // The whole request: the 96 kB WAV and the form around it.
    const qint64 requestBytes = contentLength(server.headers.first());
    ASSERT_GT(requestBytes, 44 + 3 * 16000 * 2);

    QVector<int64_t> sent;
    for (const speech::TranscribeProgress& p : seen) {
        if (p.stage != speech::TranscribeStage::Uploading) continue;
        sent << p.sentBytes;
        EXPECT_EQ(p.totalBytes, requestBytes);
        EXPECT_EQ(p.totalMs, 3000);
    }
    // The upload's time left: unknown at the first report (nothing measured yet), none
    // once all is sent (the CLI test sees it in between, over a slow link); none while the
    // server works, which says nothing until it answers.
    EXPECT_LT(seen.first().etaSeconds, 0);
    for (const speech::TranscribeProgress& p : seen) {
        if (p.stage == speech::TranscribeStage::Uploading && p.sentBytes == p.totalBytes) {
            EXPECT_EQ(p.etaSeconds, 0.0);
        }
        if (p.stage == speech::TranscribeStage::ServerTranscribing) {
            EXPECT_LT(p.etaSeconds, 0);
        }
    }
    // Qt reports the first step and the last at least (the ones between at most every 100 ms).
    ASSERT_GE(sent.size(), 2);
    EXPECT_GT(sent.first(), 0);
    EXPECT_LT(sent.first(), requestBytes);
    EXPECT_TRUE(std::is_sorted(sent.cbegin(), sent.cend()));
    EXPECT_EQ(sent.last(), requestBytes);
    // Upload, then the server's work (no figures), then done: the stages never go back.
    for (int i = 1; i < seen.size(); ++i) EXPECT_GE(int(seen[i].stage), int(seen[i - 1].stage)) << i;
    const auto working = std::find_if(seen.cbegin(), seen.cend(), [](const speech::TranscribeProgress& p) {
        return p.stage == speech::TranscribeStage::ServerTranscribing;
    });
    ASSERT_NE(working, seen.cend());
    EXPECT_EQ(std::prev(working)->sentBytes, requestBytes);
    EXPECT_EQ(seen.last().stage, speech::TranscribeStage::Recognizing);
    EXPECT_EQ(seen.last().doneMs, 3000);
}

TEST_F(SpeechServer, CancelDuringTheUploadStopsItAndLeavesTheProjectUnchanged) {
    addTypedUtterance();
    ChatServer server;
    server.stopReadingAfterBytes = 8192;  // the upload stalls: the server never has it all
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, verboseJson({{0.0, 1.0, QStringLiteral(" Never.")}})};
    };
    agents::CancelFlag cancel;
    auto o = serverOptions(server.url());
    o.merge = TranscriptMerge::Replace;
    o.cancel = &cancel;
    QVector<speech::TranscribeProgress> seen;
    o.progress = [&](const speech::TranscribeProgress& p) {
        seen << p;
        // Cancel (the dialog's button, Ctrl+C) while part of the audio is sent.
        if (p.stage == speech::TranscribeStage::Uploading && p.sentBytes < p.totalBytes) cancel.cancel();
    };
    QElapsedTimer t;
    t.start();
    auto r = speech::transcribeRecording(*project, o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(isCancelled(r.error())) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains("unchanged")) << r.error().message.toStdString();
    EXPECT_LT(t.elapsed(), 3000);
    // The request was aborted part-way: nothing more was reported after the cancel.
    ASSERT_EQ(seen.size(), 1);
    EXPECT_EQ(seen.first().stage, speech::TranscribeStage::Uploading);
    EXPECT_LT(seen.first().sentBytes, seen.first().totalBytes);
    EXPECT_TRUE(server.requests.isEmpty());
    EXPECT_LE(server.bytesRead, 8192);
    ASSERT_EQ(utterances().size(), 1);
    EXPECT_EQ(utterances()[0].text, QStringLiteral("Typed by hand"));
    EXPECT_TRUE(speech::transcriptProvenance(*project, recording)->isEmpty());
}
