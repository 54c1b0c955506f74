// SRT and WebVTT readers against the real files of two public subtitle libraries'
// test suites (../shared/testdata/real/subtitles). Expected counts, texts and times
// were read off the files by hand.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/io/SrtReader.h"
#include "core/io/TranscriptReader.h"
#include "core/io/VttReader.h"

using namespace motor;
using namespace motor::io;

namespace {

QString subtitles() {
    return QStringLiteral(MOTOR_SHARED_TESTDATA "/real/subtitles");
}

#define REQUIRE_SUBTITLES() \
    if (!QDir(subtitles()).exists()) GTEST_SKIP() << "shared test data absent: " << subtitles().toStdString()

Result<QVector<Utterance>> readSub(const char* name, const QString& encoding = {}) {
    TranscriptReadOptions o;
    o.encoding = encoding;
    return TranscriptReader::readFile(subtitles() + QLatin1Char('/') + QLatin1String(name), o);
}

std::string err(const Result<QVector<Utterance>>& r) {
    return r ? std::string("ok") : r.error().message.toStdString();
}

// Rejected, and the message names the file and the line.
void expectRejected(const char* name, int line, const char* reasonPart) {
    auto r = readSub(name);
    ASSERT_FALSE(r.ok()) << name << " was accepted with " << r->size() << " utterances";
    const QString msg = r.error().message;
    EXPECT_TRUE(msg.contains(QStringLiteral("%1:%2:").arg(QLatin1String(name)).arg(line))) << msg.toStdString();
    EXPECT_TRUE(msg.contains(QLatin1String(reasonPart), Qt::CaseInsensitive)) << msg.toStdString();
}

}  // namespace

TEST(IoSrt, Utf8WithBomReadsSevenCuesWithMultiLineText) {
    REQUIRE_SUBTITLES();
    auto r = readSub("pysrt_bom-utf-8.srt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 7);
    EXPECT_EQ((*r)[0].startMs, 6500);
    EXPECT_EQ((*r)[0].endMs, 9000);
    EXPECT_EQ((*r)[0].text, QStringLiteral("About 2 months ago I found myself on\nthe comment section of YouTube"));
    EXPECT_EQ((*r)[2].text.count(QLatin1Char('\n')), 4);
    EXPECT_EQ((*r)[6].startMs, 43000);
    EXPECT_EQ((*r)[6].endMs, 50000);
}

TEST(IoSrt, EveryBomEncodingGivesTheSameCues) {
    REQUIRE_SUBTITLES();
    auto ref = readSub("pysrt_bom-utf-8.srt");
    ASSERT_TRUE(ref.ok()) << err(ref);
    for (const char* name : {"pysrt_bom-utf-16-le.srt", "pysrt_bom-utf-16-be.srt", "pysrt_bom-utf-32-le.srt",
                             "pysrt_bom-utf-32-be.srt", "pysrt_no-indexes.srt"}) {
        auto r = readSub(name);
        ASSERT_TRUE(r.ok()) << name << ": " << err(r);
        ASSERT_EQ(r->size(), ref->size()) << name;
        for (qsizetype i = 0; i < r->size(); ++i) {
            EXPECT_EQ((*r)[i].startMs, (*ref)[i].startMs) << name << " cue " << i;
            EXPECT_EQ((*r)[i].endMs, (*ref)[i].endMs) << name << " cue " << i;
            EXPECT_EQ((*r)[i].text, (*ref)[i].text) << name << " cue " << i;
        }
    }
}

TEST(IoSrt, LargeUtf8FileWithIndexZero) {
    REQUIRE_SUBTITLES();
    auto r = readSub("pysrt_utf-8.srt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 1332);  // indexes 0..1331
    EXPECT_EQ(r->front().text, QStringLiteral("Downloaded From www.AllSubs.org"));
    EXPECT_EQ((*r)[1].startMs, 27074);
    EXPECT_EQ((*r)[1].text, QStringLiteral("CE FILM RELATE DES ÉVÉNEMENTS\nQUI ONT EXISTÉ."));
    EXPECT_EQ(r->back().startMs, ((1 * 60 + 37) * 60 + 19) * 1000 + 634);
}

TEST(IoSrt, Windows1252IsRejectedUnlessDeclared) {
    REQUIRE_SUBTITLES();
    auto bad = readSub("pysrt_windows-1252.srt");
    ASSERT_FALSE(bad.ok());
    const QString msg = bad.error().message;
    EXPECT_TRUE(msg.contains(QLatin1String("pysrt_windows-1252.srt: not valid UTF-8 at byte"))) << msg.toStdString();
    EXPECT_TRUE(msg.contains(QLatin1String("(line 7)"))) << msg.toStdString();  // "ÉVÉNEMENTS" is on line 7
    EXPECT_TRUE(msg.contains(QLatin1String("declare the encoding"))) << msg.toStdString();

    auto declared = readSub("pysrt_windows-1252.srt", QStringLiteral("windows-1252"));
    ASSERT_TRUE(declared.ok()) << err(declared);
    auto utf8 = readSub("pysrt_utf-8.srt");
    ASSERT_TRUE(utf8.ok());
    ASSERT_EQ(declared->size(), utf8->size());
    for (qsizetype i = 0; i < utf8->size(); ++i) ASSERT_EQ((*declared)[i].text, (*utf8)[i].text) << "cue " << i;
}

TEST(IoSrt, CapabilityTesterMarkupIsStripped) {
    REQUIRE_SUBTITLES();
    auto r = readSub("pysrt_capability_tester.srt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 37);  // cue 30's "{\an8}" line is empty but the cue has text
    const auto find = [&](int64_t startMs) -> QString {
        for (const auto& u : *r)
            if (u.startMs == startMs) return u.text;
        return QStringLiteral("<missing>");
    };
    EXPECT_EQ(r->front().startMs, 0);
    EXPECT_EQ(r->front().endMs, 0);  // zero-length cues are legal
    EXPECT_TRUE(
        find(1500).startsWith(QStringLiteral("SubRip subtitles capability tester 1.3o by ale5000\n"
                                             "Use VLC 1.1 or higher")));
    EXPECT_TRUE(find(1500).contains(QStringLiteral("\nThis text should be blue\n")));
    EXPECT_TRUE(find(17501).contains(QStringLiteral("2<3,5>1,4<6")));                          // not a tag
    EXPECT_EQ(find(21501), QStringLiteral("This text should NOT be in the normal position"));  // coords ignored
    EXPECT_TRUE(find(26501).isEmpty() == false);
    EXPECT_TRUE(find(7501).contains(QStringLiteral("È")));
    for (const auto& u : *r) EXPECT_FALSE(u.text.contains(QLatin1String("{\\an"))) << u.text.toStdString();
}

TEST(IoSrt, CuesWithoutTextAreDroppedNotRejected) {
    REQUIRE_SUBTITLES();
    auto r = readSub("pysrt_empty.srt");  // cues 3 and 4 have no text
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 5);
    EXPECT_EQ((*r)[2].startMs, 31000);
    auto m = readSub("webvtt-py_missing_caption_text.srt");
    ASSERT_TRUE(m.ok()) << err(m);
    EXPECT_EQ(m->size(), 4);
}

TEST(IoSrt, SampleAndOneCaption) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_sample.srt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 5);
    EXPECT_EQ((*r)[4].startMs, 21580);
    EXPECT_EQ((*r)[4].endMs, 23880);
    EXPECT_EQ((*r)[4].text, QStringLiteral("Caption text #5"));
    auto one = readSub("webvtt-py_one_caption.srt");
    ASSERT_TRUE(one.ok()) << err(one);
    ASSERT_EQ(one->size(), 1);
    EXPECT_EQ(one->front().endMs, 7000);
}

TEST(IoSrt, DotMillisecondsAreTolerated) {
    REQUIRE_SUBTITLES();
    // Cue 2 ends "00:00:11.890" with a dot. The brief accepts dot or comma in SRT
    // (many tools write dots), and the time is unambiguous, so the file imports.
    auto r = readSub("webvtt-py_invalid_timeframe.srt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 5);
    EXPECT_EQ((*r)[1].endMs, 11890);
}

TEST(IoSrt, InvalidFilesNameFileAndLine) {
    REQUIRE_SUBTITLES();
    expectRejected("pysrt_invalid.srt", 2, "bad timing line");                    // no milliseconds
    expectRejected("webvtt-py_invalid_format1.srt", 1, "without a timing line");  // just "1"
    expectRejected("webvtt-py_invalid_format2.srt", 1, "expected a cue index or a timing line");
    expectRejected("webvtt-py_invalid_format3.srt", 2, "expected a timing line");
    expectRejected("webvtt-py_invalid_format4.srt", 1, "expected a cue index or a timing line");
    expectRejected("webvtt-py_missing_timeframe.srt", 6, "expected a timing line");
}

TEST(IoSrt, EndBeforeStartAndTagsInline) {
    auto bad = SrtReader::parse(QStringLiteral("1\n00:00:02,000 --> 00:00:01,000\nx\n"), QStringLiteral("t.srt"));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.startsWith(QLatin1String("t.srt:2: cue 1: end")))
        << bad.error().message.toStdString();
    auto ok = SrtReader::parse(QStringLiteral("00:00:01.5 --> 00:00:02,25\n<i>Hyvää</i> <b>päivää</b>, Åsa!\n\n"),
                               QStringLiteral("t.srt"));
    ASSERT_TRUE(ok.ok()) << ok.error().message.toStdString();
    EXPECT_EQ(ok->front().startMs, 1500);
    EXPECT_EQ(ok->front().endMs, 2250);
    EXPECT_EQ(ok->front().text, QStringLiteral("Hyvää päivää, Åsa!"));
}

TEST(IoVtt, SampleAndBomAndOneCaption) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_sample.vtt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 16);
    EXPECT_EQ((*r)[15].startMs, 61350);
    EXPECT_EQ((*r)[15].endMs, 64300);
    EXPECT_EQ((*r)[15].text, QStringLiteral("Caption text #16"));
    auto bom = readSub("webvtt-py_captions_with_bom.vtt");
    ASSERT_TRUE(bom.ok()) << err(bom);
    ASSERT_EQ(bom->size(), 4);
    EXPECT_EQ((*bom)[3].endMs, 21580);
    auto one = readSub("webvtt-py_one_caption.vtt");
    ASSERT_TRUE(one.ok()) << err(one);
    EXPECT_EQ(one->size(), 1);
}

TEST(IoVtt, NotesStylesHeadersAndIdentifiers) {
    REQUIRE_SUBTITLES();
    auto c = readSub("webvtt-py_comments.vtt");
    ASSERT_TRUE(c.ok()) << err(c);
    ASSERT_EQ(c->size(), 3);
    EXPECT_EQ((*c)[0].startMs, 135000);
    EXPECT_EQ((*c)[0].text, QStringLiteral("- Ta en kopp varmt te.\n- Det är inte varmt."));
    EXPECT_EQ((*c)[2].text, QStringLiteral("- Ta en kopp"));
    auto s = readSub("webvtt-py_styles.vtt");
    ASSERT_TRUE(s.ok()) << err(s);
    ASSERT_EQ(s->size(), 1);
    EXPECT_EQ(s->front().text, QStringLiteral("- Hello world."));
    auto h = readSub("webvtt-py_metadata_headers.vtt");
    ASSERT_TRUE(h.ok()) << err(h);
    EXPECT_EQ(h->size(), 2);
    auto hm = readSub("webvtt-py_metadata_headers_multiline.vtt");
    ASSERT_TRUE(hm.ok()) << err(hm);
    ASSERT_EQ(hm->size(), 2);
    EXPECT_EQ((*hm)[1].text, QStringLiteral("Caption text #2"));
    auto ids = readSub("webvtt-py_using_identifiers.vtt");
    ASSERT_TRUE(ids.ok()) << err(ids);
    ASSERT_EQ(ids->size(), 6);
    EXPECT_EQ((*ids)[1].text, QStringLiteral("Caption text #2"));
    EXPECT_EQ((*ids)[3].startMs, 16320);
}

TEST(IoVtt, CueTagsAndOptionalHours) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_cue_tags.vtt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 3);
    EXPECT_EQ((*r)[0].startMs, 16500);  // "00:16.500": no hours
    EXPECT_EQ((*r)[0].text, QStringLiteral("When the moon hits your eye"));
    EXPECT_EQ((*r)[1].text, QStringLiteral("Like a big-a pizza pie"));
    EXPECT_EQ((*r)[2].text, QStringLiteral("That's amore"));
}

TEST(IoVtt, YoutubeCueStartsRightAfterText) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_youtube_dl.vtt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 4);
    EXPECT_EQ((*r)[1].text, QStringLiteral("yeah\nwhat"));
    EXPECT_EQ((*r)[2].startMs, (5 * 60 + 4) * 1000 + 80);
    EXPECT_EQ((*r)[2].text, QStringLiteral("this will happen is I'm telling"));
    EXPECT_EQ((*r)[3].endMs, (5 * 60 + 5) * 1000 + 400);
}

TEST(IoVtt, NetflixFileWithSettingsAndPaddedBlankLines) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_netflix_chicas_del_cable.vtt");
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 865);
    EXPECT_EQ((*r)[0].startMs, 7960);
    EXPECT_EQ((*r)[0].endMs, 9480);
    EXPECT_EQ((*r)[0].text, QStringLiteral("[Alba] En 1928,"));
    EXPECT_EQ((*r)[1].text, QStringLiteral("las mujeres éramos\nalgo así como adornos"));
    EXPECT_EQ(r->back().text, QStringLiteral("Alba."));
}

TEST(IoVtt, MissingCaptionTextIsDropped) {
    REQUIRE_SUBTITLES();
    auto r = readSub("webvtt-py_missing_caption_text.vtt");
    ASSERT_TRUE(r.ok()) << err(r);
    EXPECT_EQ(r->size(), 4);
}

TEST(IoVtt, InvalidFilesNameFileAndLine) {
    REQUIRE_SUBTITLES();
    expectRejected("webvtt-py_invalid.vtt", 1, "WEBVTT");
    expectRejected("webvtt-py_invalid_timeframe.vtt", 6, "bad timing line");
    expectRejected("webvtt-py_invalid_timeframe_in_cue_text.vtt", 7, "second timing line");
    expectRejected("webvtt-py_missing_timeframe.vtt", 6, "expected a timing line");
    // Empty files: importing one would replace a transcript with nothing.
    expectRejected("webvtt-py_empty.vtt", 1, "empty file");
    expectRejected("webvtt-py_no_captions.vtt", 1, "no cues");
}

TEST(IoVtt, VoiceTagsGiveSpeakers) {
    const QString vtt = QStringLiteral(
        "WEBVTT\n\nNOTE classroom\n\nREGION\nid:fred\n\n1\n00:00.000 --> 00:01.500 align:start\n"
        "<v.loud Aino>Mitä <b>tässä</b> pitää tehdä?</v>\n\n01:00:02.000 --> 01:00:03.000\n"
        "<v Ville Väinö>Ei &lt;mitään&gt; &amp; silti\n");
    auto r = VttReader::parse(vtt, QStringLiteral("t.vtt"));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r->size(), 2);
    EXPECT_EQ((*r)[0].speaker, QStringLiteral("Aino"));
    EXPECT_EQ((*r)[0].text, QStringLiteral("Mitä tässä pitää tehdä?"));
    EXPECT_EQ((*r)[0].endMs, 1500);
    EXPECT_EQ((*r)[1].speaker, QStringLiteral("Ville Väinö"));
    EXPECT_EQ((*r)[1].startMs, 3602000);
    EXPECT_EQ((*r)[1].text, QStringLiteral("Ei <mitään> & silti"));
}

TEST(IoVtt, CommaMillisecondsAreAnErrorInWebVtt) {
    auto r = VttReader::parse(QStringLiteral("WEBVTT\n\n00:00:01,000 --> 00:00:02.000\nx\n"), QStringLiteral("t.vtt"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.startsWith(QLatin1String("t.vtt:3: cue 1: bad timing line")))
        << r.error().message.toStdString();
}

TEST(IoTranscript, FinnishRoundTripsThroughAFile) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("aino.srt"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("1\r\n00:00:01,000 --> 00:00:02,000\r\nÄänestetäänkö? Öljyä, åäö ÅÄÖ\r\n").toUtf8());
    f.close();
    auto r = TranscriptReader::readFile(path, TranscriptReadOptions{TranscriptFormat::Auto, {}, QStringLiteral("fi")});
    ASSERT_TRUE(r.ok()) << err(r);
    ASSERT_EQ(r->size(), 1);
    EXPECT_EQ(r->front().text, QStringLiteral("Äänestetäänkö? Öljyä, åäö ÅÄÖ"));
    EXPECT_EQ(r->front().language, QStringLiteral("fi"));
}

TEST(IoTranscript, EveryFileInTheSubtitleFolderIsJudged) {
    REQUIRE_SUBTITLES();
    // Guards against a new fixture arriving untested: each file is either expected to
    // import or expected to fail, and the test knows which.
    const QStringList invalid = {"pysrt_invalid.srt",
                                 "webvtt-py_empty.vtt",
                                 "webvtt-py_invalid.vtt",
                                 "webvtt-py_invalid_format1.srt",
                                 "webvtt-py_invalid_format2.srt",
                                 "webvtt-py_invalid_format3.srt",
                                 "webvtt-py_invalid_format4.srt",
                                 "webvtt-py_invalid_timeframe.vtt",
                                 "webvtt-py_invalid_timeframe_in_cue_text.vtt",
                                 "webvtt-py_missing_timeframe.srt",
                                 "webvtt-py_missing_timeframe.vtt",
                                 "webvtt-py_no_captions.vtt",
                                 "pysrt_windows-1252.srt"};
    const QStringList files = QDir(subtitles()).entryList(QDir::Files, QDir::Name);
    ASSERT_EQ(files.size(), 38);
    for (const QString& name : files) {
        auto r = TranscriptReader::readFile(subtitles() + QLatin1Char('/') + name);
        if (invalid.contains(name)) {
            ASSERT_FALSE(r.ok()) << name.toStdString();
            EXPECT_TRUE(r.error().message.contains(name + QLatin1Char(':'))) << r.error().message.toStdString();
        } else {
            ASSERT_TRUE(r.ok()) << name.toStdString() << ": " << err(r);
            EXPECT_FALSE(r->isEmpty()) << name.toStdString();
        }
    }
}
