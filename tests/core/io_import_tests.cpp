// Importers write through Project::transaction: everything or nothing. Each failing
// case compares a full snapshot of the project before and after.
#include <gtest/gtest.h>

#include "core/io/LabelImporter.h"
#include "core/io/MediaImporter.h"
#include "core/io/MediaRelinker.h"
#include "core/io/SegmentImporter.h"
#include "core/io/TranscriptImporter.h"
#include "io_fixtures.h"

using namespace motor;
using namespace motor::io;
using namespace motor::io::test;

namespace {

class IoImport : public IoProjectTest {
protected:
    // Two recordings of the same base name in different folders, plus noise files.
    void makeRecordings() {
        writeVideo(path("videos/a/lesson.mp4"), 2000, 1);
        writeVideo(path("videos/b/lesson.mp4"), 3000, 2);
        writeText(path("videos/b/notes.txt"), QStringLiteral("not a video"));
        writeText(path("videos/.hidden.mp4"), QStringLiteral("editor junk"));
    }
    Media mediaAt(const QString& rel) {
        auto m = MediaImporter::findMedia(*project, path(rel));
        EXPECT_TRUE(m.ok()) << m.error().message.toStdString();
        return m.ok() ? *m : Media{};
    }
};

}  // namespace

TEST_F(IoImport, MediaFolderIsSearchedRecursivelyWithUniqueClipKeys) {
    makeRecordings();
    auto r = MediaImporter::importMedia(*project, {path("videos")});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->mediaAdded, 2);
    EXPECT_EQ(r->clipsAdded, 2);
    auto media = project->media();
    ASSERT_TRUE(media.ok());
    ASSERT_EQ(media->size(), 2);
    EXPECT_EQ((*media)[0].path, QStringLiteral("videos/a/lesson.mp4"));  // relative to the project
    EXPECT_TRUE((*media)[0].contentHash.startsWith(QLatin1String("v1:")));
    EXPECT_NE((*media)[0].contentHash, (*media)[1].contentHash);
    EXPECT_EQ((*media)[0].sizeBytes, QFileInfo(path("videos/a/lesson.mp4")).size());
    EXPECT_NEAR(double((*media)[1].durationMs), 3000.0, 150.0);
    EXPECT_EQ((*media)[0].width, 160);

    auto clips = project->clips();
    ASSERT_TRUE(clips.ok());
    ASSERT_EQ(clips->size(), 2);
    EXPECT_EQ((*clips)[0].key, QStringLiteral("lesson"));
    EXPECT_EQ((*clips)[1].key, QStringLiteral("lesson-2"));
    EXPECT_EQ((*clips)[1].startMs, 0);
    EXPECT_EQ((*clips)[1].endMs, (*media)[1].durationMs);

    // Importing again adds nothing.
    auto again = MediaImporter::importMedia(*project, {path("videos/a/lesson.mp4"), path("videos")});
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->mediaAdded, 0);
    EXPECT_EQ(again->alreadyInProject.size(), 2);
}

TEST_F(IoImport, BrokenFileRejectsTheWholeMediaImport) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos/a")}).ok());
    writeText(path("videos/c/broken.mp4"), QStringLiteral("this is not an mp4 at all"));
    const ProjectSnapshot before = snapshot(*project);
    auto r = MediaImporter::importMedia(*project, {path("videos")});
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QLatin1String("broken.mp4"))) << r.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == before);
    auto missing = MediaImporter::importMedia(*project, {path("nowhere")});
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QLatin1String("no such file or folder")));
}

TEST_F(IoImport, SegmentsFromCsvAndFixedWindows) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}, {ClipPolicy::NoClips}).ok());
    writeText(path("seg.csv"), QStringLiteral("start,end,id\n0,1.5,g1-s1-a\n00:00:01.500,00:00:02.750,\n"));
    auto n = SegmentImporter::importSegments(*project, path("videos/b/lesson.mp4"), path("seg.csv"));
    ASSERT_TRUE(n.ok()) << n.error().message.toStdString();
    EXPECT_EQ(n->clipsAdded, 2);
    auto a = project->clipByKey(QStringLiteral("g1-s1-a"));
    ASSERT_TRUE(a.ok() && a->has_value());
    EXPECT_EQ((*a)->endMs, 1500);
    auto b = project->clipByKey(QStringLiteral("lesson-001"));
    ASSERT_TRUE(b.ok() && b->has_value());
    EXPECT_EQ((*b)->startMs, 1500);
    EXPECT_EQ((*b)->endMs, 2750);

    writeText(path("noheader.csv"), QStringLiteral("0,0.5\n0.5,1\n"));
    auto nh = SegmentImporter::importSegments(*project, path("videos/a/lesson.mp4"), path("noheader.csv"));
    ASSERT_TRUE(nh.ok()) << nh.error().message.toStdString();
    EXPECT_EQ(nh->clipsAdded, 2);

    EXPECT_FALSE(SegmentImporter::importWindows(*project, path("videos/a/lesson.mp4"), 0).ok());
    const Media a2 = mediaAt("videos/a/lesson.mp4");
    auto w = SegmentImporter::importWindows(*project, path("videos/a/lesson.mp4"), 750);
    ASSERT_TRUE(w.ok()) << w.error().message.toStdString();
    const int64_t tail = a2.durationMs % 750;
    EXPECT_EQ(w->clipsAdded, int((a2.durationMs + 749) / 750) - (tail > 0 && tail < 375 ? 1 : 0));
}

// `import segments --window`: the windows replace the whole-recording clip `import media`
// made; a sliver at the end joins the last window; keys are padded to the window count
// and sort naturally.
TEST_F(IoImport, WindowsReplaceTheWholeRecordingClipAndJoinAShortTail) {
    writeVideo(path("videos/long.mp4"), 3100, 4);
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos/long.mp4")}).ok());
    ASSERT_EQ(project->clips()->size(), 1);
    const Media m = mediaAt("videos/long.mp4");
    ASSERT_NEAR(double(m.durationMs), 3100.0, 150.0);
    auto w = SegmentImporter::importWindows(*project, path("videos/long.mp4"), 1000);
    ASSERT_TRUE(w.ok()) << w.error().message.toStdString();
    EXPECT_EQ(w->replacedWholeClip, QStringLiteral("long"));
    const auto clips = project->clips().value();
    ASSERT_EQ(clips.size(), 3) << "0-1, 1-2, 2-end: the ~0.1 s tail joined the last window";
    EXPECT_EQ(clips.back().endMs, m.durationMs);
    EXPECT_EQ(clips.back().startMs, 2000);
    ASSERT_EQ(w->notes.size(), 1);
    EXPECT_TRUE(w->notes.front().contains(QLatin1String("joined"))) << w->notes.front().toStdString();
    EXPECT_FALSE(project->clipByKey(QStringLiteral("long"))->has_value());
}

TEST_F(IoImport, ALabelledWholeRecordingClipIsKeptAndSaidSo) {
    writeVideo(path("videos/kept.mp4"), 2000, 5);
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos/kept.mp4")}).ok());
    const Clip whole = project->clips()->front();
    auto anna = project->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human);
    ASSERT_TRUE(
        project
            ->setLabel(
                {whole.id, anna.value(), QStringLiteral("behavior"), QStringLiteral("Mixed"), {}, {}, std::nan("")})
            .ok());
    auto w = SegmentImporter::importWindows(*project, path("videos/kept.mp4"), 1000);
    ASSERT_TRUE(w.ok()) << w.error().message.toStdString();
    EXPECT_TRUE(w->replacedWholeClip.isEmpty());
    ASSERT_FALSE(w->notes.isEmpty());
    EXPECT_TRUE(w->notes.front().contains(QLatin1String("has 1 labels and was kept")))
        << w->notes.front().toStdString();
    EXPECT_TRUE(project->clipByKey(whole.key)->has_value());
}

TEST_F(IoImport, BenchSizedWindowIdsArePaddedAndSortNaturally) {
    writeVideo(path("videos/bench.mp4"), 15000, 6);
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos/bench.mp4")}, {ClipPolicy::NoClips}).ok());
    auto w = SegmentImporter::importWindows(*project, path("videos/bench.mp4"), 10);
    ASSERT_TRUE(w.ok()) << w.error().message.toStdString();
    ASSERT_GE(w->clipsAdded, 1000);
    const auto clips = project->clips().value();
    EXPECT_EQ(clips[0].key, QStringLiteral("bench-0001"));
    EXPECT_EQ(clips[999].key, QStringLiteral("bench-1000"));
    for (qsizetype i = 1; i < clips.size(); ++i) ASSERT_LT(clips[i - 1].startMs, clips[i].startMs) << i;
}

TEST_F(IoImport, BadSegmentRowChangesNothing) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos/a")}).ok());
    const ProjectSnapshot before = snapshot(*project);
    writeText(path("seg.csv"), QStringLiteral("start,end,id\n0,1,x1\n1,99,x2\n"));
    auto past = SegmentImporter::importSegments(*project, path("videos/a/lesson.mp4"), path("seg.csv"));
    ASSERT_FALSE(past.ok());
    EXPECT_TRUE(
        past.error().message.contains(QLatin1String("seg.csv:3: field 'end': end 00:01:39.000 is past the end")))
        << past.error().message.toStdString();
    writeText(path("dup.csv"), QStringLiteral("start,end,id\n0,1,new\n1,2,lesson\n"));
    auto dup = SegmentImporter::importSegments(*project, path("videos/a/lesson.mp4"), path("dup.csv"));
    ASSERT_FALSE(dup.ok());
    EXPECT_TRUE(dup.error().message.contains(QLatin1String("dup.csv:3: clip id 'lesson' already exists")))
        << dup.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == before);
    auto unknown = SegmentImporter::importSegments(*project, path("videos/zzz.mp4"), path("seg.csv"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QLatin1String("not a media file of this project")));
}

TEST_F(IoImport, TranscriptsReplaceTheMediaUtterances) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}).ok());
    writeText(path("t1.vtt"), QStringLiteral("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Aino>Mitä nyt?\n\n"
                                             "00:01.000 --> 00:02.000\n<v Eero>Äänestetään.\n"));
    writeText(path("t2.csv"), QStringLiteral("start,end,speaker,text\n0.5,1.5,Opettaja,\"Hyvä, jatketaan\"\n"));
    const QString media = path("videos/a/lesson.mp4");
    auto n =
        TranscriptImporter::importTranscripts(*project, media, {path("t1.vtt"), path("t2.csv")},
                                              TranscriptReadOptions{TranscriptFormat::Auto, {}, QStringLiteral("fi")});
    ASSERT_TRUE(n.ok()) << n.error().message.toStdString();
    EXPECT_EQ(n->added, 3);
    EXPECT_EQ(n->total, 3);
    EXPECT_EQ(n->replaced, 0);
    const Media m = mediaAt("videos/a/lesson.mp4");
    auto u = project->utterances(m.id, 0, 10000);
    ASSERT_TRUE(u.ok());
    ASSERT_EQ(u->size(), 3);
    EXPECT_EQ((*u)[1].speaker, QStringLiteral("Opettaja"));
    EXPECT_EQ((*u)[1].text, QStringLiteral("Hyvä, jatketaan"));
    EXPECT_EQ((*u)[2].text, QStringLiteral("Äänestetään."));
    EXPECT_EQ((*u)[2].language, QStringLiteral("fi"));

    // A second import must say whether it replaces or adds: without a choice it changes
    // nothing and names what is there.
    writeText(path("t3.srt"), QStringLiteral("1\n00:00:00,000 --> 00:00:00,800\nUusi\n"));
    const ProjectSnapshot unchosen = snapshot(*project);
    auto ask = TranscriptImporter::importTranscripts(*project, media, {path("t3.srt")});
    ASSERT_FALSE(ask.ok());
    EXPECT_TRUE(ask.error().message.contains(QLatin1String("has a transcript already (3 utterances")))
        << ask.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == unchosen);
    // Add keeps the three and adds one.
    auto added = TranscriptImporter::importTranscripts(*project, media, {path("t3.srt")}, {}, TranscriptMerge::Add);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(added->total, 4);
    EXPECT_EQ(TranscriptImporter::existingUtterances(*project, media).value(), 4);
    // Replace says what it replaced.
    auto replaced =
        TranscriptImporter::importTranscripts(*project, media, {path("t3.srt")}, {}, TranscriptMerge::Replace);
    ASSERT_TRUE(replaced.ok()) << replaced.error().message.toStdString();
    EXPECT_EQ(replaced->replaced, 4);
    EXPECT_EQ(replaced->replacedFromMs, 0);
    EXPECT_EQ(replaced->replacedToMs, 2000);
    EXPECT_EQ(replaced->total, 1);
    // A failing import keeps what was there.
    const ProjectSnapshot before = snapshot(*project);
    writeText(path("bad.srt"), QStringLiteral("1\n00:00:01 --> 00:00:02\nx\n"));
    auto bad = TranscriptImporter::importTranscripts(*project, media, {path("t1.vtt"), path("bad.srt")}, {},
                                                     TranscriptMerge::Replace);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QLatin1String("bad.srt:2:"))) << bad.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == before);
    auto after = project->utterances(m.id, 0, 10000);
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after->size(), 1);
    EXPECT_EQ(after->front().text, QStringLiteral("Uusi"));
}

TEST_F(IoImport, CuesPastTheEndOfTheRecordingAreSaid) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}).ok());
    writeText(path("late.srt"), QStringLiteral("1\n00:00:00,500 --> 00:00:01,000\nAlussa\n\n"
                                               "2\n00:00:09,000 --> 00:00:10,000\nMyöhässä\n\n"
                                               "3\n00:00:12,000 --> 00:00:13,000\nVielä myöhemmin\n"));
    auto r = TranscriptImporter::importTranscripts(*project, path("videos/a/lesson.mp4"), {path("late.srt")});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    ASSERT_EQ(r->warnings.size(), 1);
    EXPECT_TRUE(r->warnings.front().startsWith(QLatin1String("2 cues start after the end of the recording")))
        << r->warnings.front().toStdString();
    EXPECT_TRUE(r->warnings.front().contains(QLatin1String("00:00:09.000"))) << r->warnings.front().toStdString();
}

TEST_F(IoImport, LabelsAreValidatedBeforeAnythingIsWritten) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}).ok());
    writeText(path("labels.csv"), QStringLiteral("clip,annotator,dimension,label,note\n"
                                                 "lesson,Expert A,behavior,Monitoring,\"katsoo, mitä muut tekevät\"\n"
                                                 "lesson-2,Expert A,emotion,Neutral,\n"
                                                 "lesson,Expert B,behavior,Controlling,\n"));
    auto r = LabelImporter::importLabels(*project, path("labels.csv"));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->labelsWritten, 3);
    EXPECT_EQ(r->annotatorsCreated, 2);
    auto a = project->annotatorByName(QStringLiteral("Expert A"));
    ASSERT_TRUE(a.ok() && a->has_value());
    EXPECT_EQ((*a)->kind, AnnotatorKind::Human);
    auto clip = project->clipByKey(QStringLiteral("lesson"));
    ASSERT_TRUE(clip.ok() && clip->has_value());
    auto ann = project->annotation((*clip)->id, (*a)->id, QStringLiteral("behavior"));
    ASSERT_TRUE(ann.ok() && ann->has_value());
    EXPECT_EQ((*ann)->label, QStringLiteral("Monitoring"));
    EXPECT_EQ((*ann)->note, QStringLiteral("katsoo, mitä muut tekevät"));

    const ProjectSnapshot before = snapshot(*project);
    const struct {
        const char* csv;
        const char* expected;
    } bad[] = {
        {"clip,annotator,dimension,label\nlesson,New Coder,behavior,Controlling\nnope,X,behavior,Mixed\n",
         "bad.csv:3: clip: no clip 'nope' in the project"},
        {"clip,annotator,dimension,label\nlesson,New Coder,behavior,Controlling\nlesson,X,mood,Mixed\n",
         "bad.csv:3: dimension: 'mood' is not a dimension"},
        {"clip,annotator,dimension,label\nlesson,New Coder,behavior,Controlling\nlesson,X,behavior,Happy\n",
         "bad.csv:3: label: 'Happy' is not a class of 'behavior'"},
        {"clip,annotator,dimension,label\nlesson,C,behavior,Mixed\nlesson,C,behavior,Monitoring\n",
         "bad.csv:3: label: clip 'lesson', annotator 'C', dimension 'behavior' already labelled on line 2"},
        {"clip,coder,dimension,label\n", "bad.csv:1: header must name the columns"},
    };
    for (const auto& b : bad) {
        writeText(path("bad.csv"), QString::fromUtf8(b.csv));
        auto fail = LabelImporter::importLabels(*project, path("bad.csv"));
        ASSERT_FALSE(fail.ok()) << b.expected;
        // Messages name the file as it was given, i.e. with its folder.
        const QString expected = QString::fromUtf8(b.expected).replace(QLatin1String("bad.csv"), path("bad.csv"));
        EXPECT_TRUE(fail.error().message.contains(expected)) << fail.error().message.toStdString();
        EXPECT_TRUE(snapshot(*project) == before) << b.expected;
    }
}

TEST_F(IoImport, RelinkFindsMovedMediaByFingerprint) {
    makeRecordings();
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}).ok());
    ASSERT_TRUE(QDir().mkpath(path("moved/deeper")));
    ASSERT_TRUE(QFile::rename(path("videos/b/lesson.mp4"), path("moved/deeper/renamed.mp4")));
    ASSERT_TRUE(QFile::remove(path("videos/a/lesson.mp4")));
    writeVideo(path("moved/other.mp4"), 3000, 99);  // same length, other content: not a match
    auto r = MediaRelinker::relink(*project, path("moved"));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->relinked, 1);
    EXPECT_EQ(r->stillMissing, QStringList{QStringLiteral("videos/a/lesson.mp4")});
    auto m = project->mediaByPath(QStringLiteral("moved/deeper/renamed.mp4"));
    ASSERT_TRUE(m.ok() && m->has_value());
    auto clip = project->clipByKey(QStringLiteral("lesson-2"));
    ASSERT_TRUE(clip.ok() && clip->has_value());
    EXPECT_EQ((*clip)->mediaId, (*m)->id);
}

// An interrupted copy: the MP4 index (moov first) states the full duration, the data
// stops half-way. It must not become a full-length clip.
TEST_F(IoImport, TruncatedRecordingIsRefusedWithWhereItsDataEnds) {
    writeVideo(path("videos/whole.mp4"), 4000, 3);
    QFile whole(path("videos/whole.mp4"));
    ASSERT_TRUE(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    writeText(path("videos/cut/lesson.mp4"), QString());
    QFile cut(path("videos/cut/lesson.mp4"));
    ASSERT_TRUE(cut.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ASSERT_EQ(cut.write(bytes.left(bytes.size() / 2)), bytes.size() / 2);
    cut.close();

    const ProjectSnapshot before = snapshot(*project);
    auto r = MediaImporter::importMedia(*project, {path("videos/cut/lesson.mp4")});
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QLatin1String("lesson.mp4"))) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QLatin1String("truncated"))) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QLatin1String("of the 4.00 s"))) << r.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == before);
    // The complete file imports.
    auto ok = MediaImporter::importMedia(*project, {path("videos/whole.mp4")});
    ASSERT_TRUE(ok.ok()) << ok.error().message.toStdString();
}
