// Exporters: CSV, JSONL and ELAN read back by our own readers, atomic replacement, and
// file names from data that cannot leave the export folder.
#include <gtest/gtest.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include "core/io/ClipExporter.h"
#include "core/io/CsvLabelExporter.h"
#include "core/io/CsvReader.h"
#include "core/io/EafExporter.h"
#include "core/io/EafReader.h"
#include "core/io/JsonlExporter.h"
#include "core/io/LabelImporter.h"
#include "core/io/MediaImporter.h"
#include "core/io/SafeFileName.h"
#include "core/io/SegmentImporter.h"
#include "core/io/TranscriptImporter.h"
#include "io_fixtures.h"

using namespace motor;
using namespace motor::io;
using namespace motor::io::test;

namespace {

class IoExport : public IoProjectTest {
protected:
    // One 3 s recording cut into two clips, a transcript in Finnish, two experts and a
    // model run's labels with rationale and confidence.
    void populate() {
        writeVideo(path("videos/ryhmä 1.mp4"), 3000);
        ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}, {ClipPolicy::NoClips}).ok());
        writeText(path("seg.csv"), QStringLiteral("start,end,id\n0,1.5,\"g1,s1 \"\"a\"\"\"\n1.5,3,g1-s1-b\n"));
        auto seg = SegmentImporter::importSegments(*project, path("videos/ryhmä 1.mp4"), path("seg.csv"));
        ASSERT_TRUE(seg.ok()) << seg.error().message.toStdString();
        writeText(path("t.vtt"), QStringLiteral("WEBVTT\n\n00:00.200 --> 00:01.000\n<v Aino>Mitä tässä pitää tehdä?\n\n"
                                                "00:01.600 --> 00:02.500\n<v Eero>Äänestetään, öhm.\n\n"
                                                "00:02.600 --> 00:02.900\nNo niin.\n"));
        auto t = TranscriptImporter::importTranscripts(
            *project, path("videos/ryhmä 1.mp4"), {path("t.vtt")},
            TranscriptReadOptions{TranscriptFormat::Auto, {}, QStringLiteral("fi")});
        ASSERT_TRUE(t.ok()) << t.error().message.toStdString();
        writeText(path("labels.csv"), QStringLiteral("clip,annotator,dimension,label,note\n"
                                                     "\"g1,s1 \"\"a\"\"\",Expert A,behavior,Monitoring,katsoo\n"
                                                     "g1-s1-b,Expert A,behavior,Controlling,\n"
                                                     "g1-s1-b,Expert A,emotion,Positive,\n"
                                                     "\"g1,s1 \"\"a\"\"\",Expert B,behavior,Mixed,\n"));
        auto l = LabelImporter::importLabels(*project, path("labels.csv"));
        ASSERT_TRUE(l.ok()) << l.error().message.toStdString();
        auto model = project->ensureAnnotator(QStringLiteral("MOTOR-MAS"), AnnotatorKind::Model);
        ASSERT_TRUE(model.ok());
        auto clip = project->clipByKey(QStringLiteral("g1-s1-b"));
        ASSERT_TRUE(clip.ok() && clip->has_value());
        LabelWrite w;
        w.clipId = (*clip)->id;
        w.annotatorId = *model;
        w.dimension = QStringLiteral("cognition");
        w.label = QStringLiteral("Neutral");
        w.rationale = QStringLiteral("ei arviota");
        w.confidence = 0.75;
        ASSERT_TRUE(project->setLabel(w).ok());
    }
};

QStringList filesUnder(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) out.append(QDir(folder).relativeFilePath(it.next()));
    out.sort();
    return out;
}

}  // namespace

TEST_F(IoExport, CsvRowsAreQuotedAndReadBackByTheLabelImporter) {
    populate();
    writeText(path("out/labels.csv"), QStringLiteral("old content"));
    auto n = CsvLabelExporter::exportCsv(*project, path("out/labels.csv"));
    ASSERT_TRUE(n.ok()) << n.error().message.toStdString();
    EXPECT_EQ(*n, 5);
    EXPECT_EQ(filesUnder(path("out")), QStringList{QStringLiteral("labels.csv")});  // no temp file left
    auto table = CsvReader::readTable(path("out/labels.csv"));
    ASSERT_TRUE(table.ok()) << table.error().message.toStdString();
    EXPECT_EQ(table->header, (QStringList{"clip", "media", "start_ms", "end_ms", "annotator", "dimension", "label"}));
    ASSERT_EQ(table->records.size(), 5);
    EXPECT_EQ(table->records[0].fields,
              (QStringList{"g1,s1 \"a\"", "videos/ryhmä 1.mp4", "0", "1500", "Expert A", "behavior", "Monitoring"}));
    EXPECT_EQ(table->records[4].fields[4], QStringLiteral("MOTOR-MAS"));
    QFile raw(path("out/labels.csv"));
    ASSERT_TRUE(raw.open(QIODevice::ReadOnly));
    EXPECT_TRUE(
        raw.readAll().startsWith("clip,media,start_ms,end_ms,annotator,dimension,label\r\n\"g1,s1 \"\"a\"\"\","));

    // Importing the export changes nothing but may not fail (same labels, same coders),
    // except that the model's row names a model annotator, which the importer refuses.
    const ProjectSnapshot before = snapshot(*project);
    auto back = LabelImporter::importLabels(*project, path("out/labels.csv"));
    ASSERT_FALSE(back.ok());
    EXPECT_TRUE(back.error().message.contains(QLatin1String("labels.csv:6: annotator:")))
        << back.error().message.toStdString();
    EXPECT_TRUE(snapshot(*project) == before);
}

TEST_F(IoExport, JsonlHasOneClipPerLineWithTranscriptAndLabels) {
    populate();
    auto n = JsonlExporter::exportJsonl(*project, path("out/data.jsonl"));
    ASSERT_TRUE(n.ok()) << n.error().message.toStdString();
    EXPECT_EQ(*n, 2);
    QFile f(path("out/data.jsonl"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    ASSERT_EQ(lines.size(), 3);  // two lines and the final newline
    EXPECT_TRUE(lines[2].isEmpty());
    const QJsonObject b = QJsonDocument::fromJson(lines[1]).object();
    EXPECT_EQ(b[QStringLiteral("key")].toString(), QStringLiteral("g1-s1-b"));
    EXPECT_EQ(b[QStringLiteral("media")].toString(), QStringLiteral("videos/ryhmä 1.mp4"));
    EXPECT_EQ(b[QStringLiteral("start_ms")].toInteger(), 1500);
    EXPECT_EQ(b[QStringLiteral("end_ms")].toInteger(), 3000);
    const QJsonArray transcript = b[QStringLiteral("transcript")].toArray();
    ASSERT_EQ(transcript.size(), 2);
    EXPECT_EQ(transcript[0].toObject()[QStringLiteral("speaker")].toString(), QStringLiteral("Eero"));
    EXPECT_EQ(transcript[0].toObject()[QStringLiteral("text")].toString(), QStringLiteral("Äänestetään, öhm."));
    EXPECT_EQ(transcript[0].toObject()[QStringLiteral("language")].toString(), QStringLiteral("fi"));
    const QJsonArray labels = b[QStringLiteral("labels")].toArray();
    ASSERT_EQ(labels.size(), 3);
    const QJsonObject model = labels[2].toObject();
    EXPECT_EQ(model[QStringLiteral("annotator")].toString(), QStringLiteral("MOTOR-MAS"));
    EXPECT_EQ(model[QStringLiteral("annotator_kind")].toString(), annotatorKindName(AnnotatorKind::Model));
    EXPECT_EQ(model[QStringLiteral("rationale")].toString(), QStringLiteral("ei arviota"));
    EXPECT_DOUBLE_EQ(model[QStringLiteral("confidence")].toDouble(), 0.75);
    EXPECT_TRUE(labels[0].toObject()[QStringLiteral("confidence")].isNull());
    const QJsonObject a = QJsonDocument::fromJson(lines[0]).object();
    EXPECT_EQ(a[QStringLiteral("key")].toString(), QStringLiteral("g1,s1 \"a\""));
    EXPECT_EQ(a[QStringLiteral("labels")].toArray()[0].toObject()[QStringLiteral("note")].toString(),
              QStringLiteral("katsoo"));
}

TEST_F(IoExport, EafRoundTripsThroughOurReader) {
    populate();
    auto written = EafExporter::exportEaf(*project, path("out/elan"));
    ASSERT_TRUE(written.ok()) << written.error().message.toStdString();
    ASSERT_EQ(written->size(), 1);
    EXPECT_EQ(QFileInfo(written->front()).fileName(), QStringLiteral("ryhmä 1.eaf"));
    auto doc = EafReader::parseFile(written->front());
    ASSERT_TRUE(doc.ok()) << doc.error().message.toStdString();
    EXPECT_EQ(doc->relativeMediaUrl, QStringLiteral("../../videos/ryhmä 1.mp4"));
    EXPECT_TRUE(doc->mediaUrl.startsWith(QLatin1String("file:///")));

    const EafTier* a = doc->tier(QStringLiteral("behavior (Expert A)"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->annotator, QStringLiteral("Expert A"));
    EXPECT_EQ(a->controlledVocabulary, QStringLiteral("behavior"));
    ASSERT_EQ(a->annotations.size(), 2);
    EXPECT_EQ(a->annotations[0].value, QStringLiteral("Monitoring"));
    EXPECT_EQ(a->annotations[0].startMs, 0);
    EXPECT_EQ(a->annotations[0].endMs, 1500);
    EXPECT_EQ(a->annotations[1].value, QStringLiteral("Controlling"));
    EXPECT_EQ(a->annotations[1].startMs, 1500);
    EXPECT_EQ(a->annotations[1].endMs, 3000);
    ASSERT_TRUE(doc->tier(QStringLiteral("behavior (Expert B)")));
    ASSERT_TRUE(doc->tier(QStringLiteral("emotion (Expert A)")));
    const EafTier* model = doc->tier(QStringLiteral("cognition (MOTOR-MAS)"));
    ASSERT_TRUE(model);
    EXPECT_EQ(model->annotations.front().value, QStringLiteral("Neutral"));

    // Vocabularies are the codebook's classes, for every dimension.
    const Codebook& cb = project->codebook();
    for (const Dimension& d : cb.dimensions)
        EXPECT_EQ(doc->vocabularies.value(d.name), d.classNames()) << d.name.toStdString();

    // Transcript tiers: one per speaker, with the speaker as participant.
    const EafTier* aino = doc->tier(QStringLiteral("Aino"));
    ASSERT_TRUE(aino);
    EXPECT_EQ(aino->participant, QStringLiteral("Aino"));
    EXPECT_EQ(aino->annotations.front().value, QStringLiteral("Mitä tässä pitää tehdä?"));
    EXPECT_EQ(aino->annotations.front().startMs, 200);
    ASSERT_TRUE(doc->tier(QStringLiteral("transcript")));  // the cue without a voice

    // Importing the export as a transcript gives the same utterances back.
    const QString media = path("videos/ryhmä 1.mp4");
    auto m = MediaImporter::findMedia(*project, media);
    ASSERT_TRUE(m.ok());
    auto original = project->utterances(m->id, 0, 1 << 30);
    ASSERT_TRUE(original.ok());
    auto all = EafReader::utterances(*doc);
    QVector<Utterance> spoken;
    for (const auto& u : all)
        if (u.speaker == QLatin1String("Aino") || u.speaker == QLatin1String("Eero") ||
            u.speaker == QLatin1String("transcript"))
            spoken.append(u);
    std::stable_sort(spoken.begin(), spoken.end(),
                     [](const Utterance& x, const Utterance& y) { return x.startMs < y.startMs; });
    ASSERT_EQ(spoken.size(), original->size());
    for (qsizetype i = 0; i < spoken.size(); ++i) {
        EXPECT_EQ(spoken[i].text, (*original)[i].text);
        EXPECT_EQ(spoken[i].startMs, (*original)[i].startMs);
        EXPECT_EQ(spoken[i].endMs, (*original)[i].endMs);
    }

    // Top-level element order required by EAFv3.0.xsd.
    QFile f(written->front());
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray xml = f.readAll();
    QXmlStreamReader r(xml);
    QStringList order;
    int depth = 0;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && ++depth == 2 && (order.isEmpty() || order.back() != r.name().toString()))
            order.append(r.name().toString());
        if (r.isEndElement()) --depth;
    }
    EXPECT_EQ(order, (QStringList{"HEADER", "TIME_ORDER", "TIER", "LINGUISTIC_TYPE", "LANGUAGE", "CONSTRAINT",
                                  "CONTROLLED_VOCABULARY"}));
    EXPECT_TRUE(xml.contains("FORMAT=\"3.0\""));
    EXPECT_TRUE(xml.contains("RELATIVE_MEDIA_URL=\"../../videos/ryhmä 1.mp4\""));
}

TEST(IoSafeFileName, HostileNamesStayOneHarmlessComponent) {
    const QString folder = QStringLiteral("/tmp/export");
    for (const QString& name :
         {QStringLiteral("../../etc/x"), QStringLiteral("a/b"), QStringLiteral("CON"), QStringLiteral("con.txt"),
          QStringLiteral("lpt1"), QStringLiteral(".."), QStringLiteral("."), QStringLiteral(""),
          QStringLiteral("a\\b:c*?\"<>|"), QStringLiteral("tab\there\nnewline"), QStringLiteral("/abs/path"),
          QStringLiteral("trailing. "), QString(300, QLatin1Char('x'))}) {
        const QString c = SafeFileName::component(name);
        SCOPED_TRACE(name.toStdString());
        EXPECT_FALSE(c.isEmpty());
        EXPECT_FALSE(c.contains(QLatin1Char('/')));
        EXPECT_FALSE(c.contains(QLatin1Char('\\')));
        EXPECT_NE(c, QStringLiteral("."));
        EXPECT_NE(c, QStringLiteral(".."));
        EXPECT_FALSE(c.startsWith(QLatin1Char('.')));
        EXPECT_LE(c.toUtf8().size(), 120);
        EXPECT_TRUE(SafeFileName::isInside(folder, QDir(folder).filePath(c)));
        for (const QChar ch : c) EXPECT_GE(ch.unicode(), 0x20);
    }
    EXPECT_EQ(SafeFileName::component(QStringLiteral("a/b")), QStringLiteral("a_b"));
    EXPECT_EQ(SafeFileName::component(QStringLiteral("CON")), QStringLiteral("_CON"));
    EXPECT_EQ(SafeFileName::component(QStringLiteral("nul.eaf")), QStringLiteral("_nul.eaf"));
    EXPECT_EQ(SafeFileName::component(QStringLiteral("Ryhmä 3 – ääni")), QStringLiteral("Ryhmä 3 – ääni"));
    // Long names sharing a prefix stay distinct; UTF-8 is cut on a character boundary.
    const QString longA = QString(200, QChar(0x00E4)) + QLatin1Char('a');
    const QString longB = QString(200, QChar(0x00E4)) + QLatin1Char('b');
    EXPECT_NE(SafeFileName::component(longA), SafeFileName::component(longB));
    EXPECT_LE(SafeFileName::component(longA).toUtf8().size(), 120);
    EXPECT_FALSE(SafeFileName::component(longA).contains(QChar(0xFFFD)));
    QSet<QString> taken;
    EXPECT_EQ(SafeFileName::unique(QStringLiteral("a/b"), QStringLiteral(".mp4"), &taken), QStringLiteral("a_b.mp4"));
    EXPECT_EQ(SafeFileName::unique(QStringLiteral("a_b"), QStringLiteral(".mp4"), &taken), QStringLiteral("a_b-2.mp4"));
    EXPECT_EQ(SafeFileName::unique(QStringLiteral("A_B"), QStringLiteral(".mp4"), &taken), QStringLiteral("A_B-3.mp4"));
    EXPECT_FALSE(SafeFileName::isInside(folder, QStringLiteral("../x")));
    EXPECT_FALSE(SafeFileName::isInside(folder, QStringLiteral("/etc/passwd")));
}

TEST_F(IoExport, ClipFilesNamedFromHostileKeysStayInTheFolder) {
    writeVideo(path("videos/v.mp4"), 2000);
    ASSERT_TRUE(MediaImporter::importMedia(*project, {path("videos")}, {ClipPolicy::NoClips}).ok());
    const QString longKey = QString(250, QLatin1Char('k'));
    writeText(path("seg.csv"),
              QStringLiteral("start,end,id\n0,0.5,../../etc/x\n0.5,1,a/b\n1,1.5,CON\n1.5,2,%1\n").arg(longKey));
    ASSERT_TRUE(SegmentImporter::importSegments(*project, path("videos/v.mp4"), path("seg.csv")).ok());
    auto written = ClipExporter::exportClips(*project, path("out/clips"), media::CutMode::Reencode);
    ASSERT_TRUE(written.ok()) << written.error().message.toStdString();
    ASSERT_EQ(written->size(), 4);
    for (const QString& p : *written) EXPECT_TRUE(SafeFileName::isInside(path("out/clips"), p)) << p.toStdString();
    const QStringList files = filesUnder(path("out/clips"));
    ASSERT_EQ(files.size(), 4) << files.join(", ").toStdString();
    for (const QString& f : files) EXPECT_FALSE(f.contains(QLatin1Char('/'))) << f.toStdString();
    EXPECT_TRUE(files.contains(QStringLiteral("_CON.mp4")));
    EXPECT_TRUE(files.contains(QStringLiteral("a_b.mp4")));
    EXPECT_TRUE(files.contains(QStringLiteral("_.._etc_x.mp4")));
    EXPECT_FALSE(QFileInfo::exists(path("etc/x.mp4")));
    EXPECT_FALSE(QFileInfo::exists(dir.path() + QStringLiteral("/../etc")));
}
