// ELAN reader against the two sample documents of a public EAF library's test suite
// (../shared/testdata/real/elan), plus small hand-made documents for the error paths.
#include <gtest/gtest.h>

#include <QDir>

#include "core/io/EafReader.h"
#include "core/io/TranscriptReader.h"

using namespace motor;
using namespace motor::io;

namespace {

QString elan(const char* name) {
    return QStringLiteral(MOTOR_SHARED_TESTDATA "/real/elan/") + QLatin1String(name);
}

const EafAnnotation* findAnnotation(const EafDocument& d, const QString& id) {
    for (const auto& t : d.tiers)
        for (const auto& a : t.annotations)
            if (a.id == id) return &a;
    return nullptr;
}

}  // namespace

TEST(IoEaf, SampleDocumentsResolveEveryAnnotation) {
    if (!QDir(QStringLiteral(MOTOR_SHARED_TESTDATA "/real/elan")).exists())
        GTEST_SKIP() << "shared test data absent: " MOTOR_SHARED_TESTDATA "/real/elan";
    for (const char* name : {"sample_2.7.eaf", "sample_3.0.eaf"}) {
        SCOPED_TRACE(name);
        auto doc = EafReader::parseFile(elan(name));
        ASSERT_TRUE(doc.ok()) << doc.error().message.toStdString();
        ASSERT_EQ(doc->tiers.size(), 6);
        const int expected[] = {399, 1995, 1995, 1197, 1197, 1995};
        const char* ids[] = {"text", "words-timesub", "words-symsub", "gestures", "gest_included", "words-pos"};
        for (int i = 0; i < 6; ++i) {
            EXPECT_EQ(doc->tiers[i].id, QLatin1String(ids[i]));
            EXPECT_EQ(doc->tiers[i].annotations.size(), expected[i]) << ids[i];
        }
        EXPECT_EQ(doc->tiers[1].parentRef, QStringLiteral("text"));
        EXPECT_EQ(doc->mediaUrl, QStringLiteral("file:///Users/Shared/MPI/DemoMaterial/yele/r03_v20_s5.wav"));

        // a3 "The quick brown fox 003" spans ts38 (8000) .. ts55 (11000); its five
        // time-subdivision words share four unaligned slots, spread evenly (600 ms each).
        const auto* a3 = findAnnotation(*doc, QStringLiteral("a3"));
        ASSERT_TRUE(a3);
        EXPECT_EQ(a3->value, QStringLiteral("The quick brown fox 003"));
        EXPECT_EQ(a3->startMs, 8000);
        EXPECT_EQ(a3->endMs, 11000);
        const auto* the = findAnnotation(*doc, QStringLiteral("a410"));
        const auto* quick = findAnnotation(*doc, QStringLiteral("a411"));
        const auto* last = findAnnotation(*doc, QStringLiteral("a414"));
        ASSERT_TRUE(the && quick && last);
        EXPECT_EQ(the->value, QStringLiteral("The"));
        EXPECT_EQ(the->startMs, 8000);
        EXPECT_EQ(the->endMs, 8600);
        EXPECT_EQ(quick->startMs, 8600);
        EXPECT_EQ(quick->endMs, 9200);
        EXPECT_EQ(last->value, QStringLiteral("003"));
        EXPECT_EQ(last->startMs, 10400);
        EXPECT_EQ(last->endMs, 11000);

        // Symbolic subdivision (REF_ANNOTATION -> a1) takes the parent's times; the POS
        // tier refers to those in turn.
        const auto& symsub = doc->tiers[2].annotations;
        EXPECT_EQ(symsub.front().value, QStringLiteral("The"));
        EXPECT_EQ(symsub.front().startMs, 2000);  // a1: ts2 (2000) .. ts19 (5000)
        EXPECT_EQ(symsub.front().endMs, 5000);
        const auto& pos = doc->tiers[5].annotations;
        EXPECT_EQ(pos[1].value, QStringLiteral("adj"));
        EXPECT_EQ(pos[1].startMs, 2000);
        EXPECT_EQ(pos[1].endMs, 5000);

        // Controlled vocabularies: EAF 2.7 CV_ENTRY and 3.0 CV_ENTRY_ML both read.
        ASSERT_TRUE(doc->vocabularies.contains(QStringLiteral("Gesture")));
        EXPECT_FALSE(doc->vocabularies.value(QStringLiteral("Gesture")).isEmpty());
        EXPECT_EQ(doc->tiers[3].controlledVocabulary, QStringLiteral("Gesture"));

        auto utterances = TranscriptReader::readFile(elan(name));
        ASSERT_TRUE(utterances.ok()) << utterances.error().message.toStdString();
        // 1992 of the POS annotations are empty and carry nothing.
        EXPECT_EQ(utterances->size(), 399 + 1995 + 1995 + 1197 + 1197 + 3);
        for (qsizetype i = 1; i < utterances->size(); ++i)
            ASSERT_LE((*utterances)[i - 1].startMs, (*utterances)[i].startMs);
        for (const auto& u : *utterances) ASSERT_LE(u.startMs, u.endMs) << u.text.toStdString();
    }
}

TEST(IoEaf, ParticipantNamesTheSpeaker) {
    const QByteArray xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
  <HEADER TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
    <TIME_SLOT TIME_SLOT_ID="ts2"/>
    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="3000"/>
  </TIME_ORDER>
  <TIER TIER_ID="S1 puhe" PARTICIPANT="Aino" LINGUISTIC_TYPE_REF="ut">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>Mitä tämä on?</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER TIER_ID="Opettaja" LINGUISTIC_TYPE_REF="ut">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
      <ANNOTATION_VALUE>Kokeillaan.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="ut" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>)";
    auto doc = EafReader::parse(xml, QStringLiteral("x.eaf"));
    ASSERT_TRUE(doc.ok()) << doc.error().message.toStdString();
    const auto u = EafReader::utterances(*doc);
    ASSERT_EQ(u.size(), 2);
    EXPECT_EQ(u[0].speaker, QStringLiteral("Aino"));
    EXPECT_EQ(u[0].text, QStringLiteral("Mitä tämä on?"));
    EXPECT_EQ(u[0].endMs, 2000);  // ts2 is unaligned; no single-tier chain covers it, so TIME_ORDER neighbours
    EXPECT_EQ(u[1].speaker, QStringLiteral("Opettaja"));
}

TEST(IoEaf, ErrorsNameFileAndLine) {
    auto unknownSlot = EafReader::parse(R"(<ANNOTATION_DOCUMENT>
<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="5"/></TIME_ORDER>
<TIER TIER_ID="t"><ANNOTATION>
<ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts9"><ANNOTATION_VALUE>x</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION>
</ANNOTATION></TIER></ANNOTATION_DOCUMENT>)",
                                        QStringLiteral("bad.eaf"));
    ASSERT_FALSE(unknownSlot.ok());
    EXPECT_EQ(unknownSlot.error().message,
              QStringLiteral("bad.eaf:4: annotation 'a1' refers to unknown time slot 'ts9'"));

    auto unknownRef = EafReader::parse(R"(<ANNOTATION_DOCUMENT><TIME_ORDER/>
<TIER TIER_ID="t"><ANNOTATION>
<REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>x</ANNOTATION_VALUE></REF_ANNOTATION>
</ANNOTATION></TIER></ANNOTATION_DOCUMENT>)",
                                       QStringLiteral("bad.eaf"));
    ASSERT_FALSE(unknownRef.ok());
    EXPECT_EQ(unknownRef.error().message,
              QStringLiteral("bad.eaf:3: annotation 'a2' refers to unknown annotation 'a1'"));

    auto broken = EafReader::parse("<ANNOTATION_DOCUMENT>\n<TIER TIER_ID=\"t\">\n</ANNOTATION_DOCUMENT>",
                                   QStringLiteral("bad.eaf"));
    ASSERT_FALSE(broken.ok());
    EXPECT_TRUE(broken.error().message.startsWith(QLatin1String("bad.eaf:3: not well-formed XML")))
        << broken.error().message.toStdString();

    auto notEaf = EafReader::parse("<html/>", QStringLiteral("bad.eaf"));
    ASSERT_FALSE(notEaf.ok());
    EXPECT_TRUE(notEaf.error().message.startsWith(QLatin1String("bad.eaf:1: not an ELAN document")));
}
